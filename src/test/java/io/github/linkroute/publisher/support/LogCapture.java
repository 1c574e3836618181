package io.github.linkroute.publisher.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.github.linkroute.publisher.link.LinkView;

/** Collects what the link logs, so tests can assert on the lines an operator would read. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    /** Everything the link package logs: its parts each log under their own class. */
    public static LogCapture ofLink() {
        return new LogCapture(Logger.getLogger(LinkView.class.getPackageName()));
    }

    /** Everything logged under a category, e.g. a library's. */
    public static LogCapture ofCategory(String category) {
        return new LogCapture(Logger.getLogger(category));
    }

    public static LogCapture of(Class<?> type) {
        return new LogCapture(Logger.getLogger(type.getName()));
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** The formatted messages, in order. */
    public List<String> lines() {
        return records.stream().map(LogCapture::format).toList();
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    private static String format(LogRecord record) {
        Object[] params = record.getParameters();
        String message = record.getMessage();
        try {
            return params == null || params.length == 0 ? message : String.format(message, params);
        } catch (RuntimeException e) {
            return message;
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
