package io.github.linkroute.publisher.spool;

import java.nio.file.Path;
import java.util.List;

/** The spool turned off: every append is "stored" at once and nothing survives a restart. */
final class NoSpool implements Spool {

    static final NoSpool INSTANCE = new NoSpool();

    private NoSpool() {
    }

    @Override
    public List<SpooledMessage> recovered() {
        return List.of();
    }

    @Override
    public long highestSequence() {
        return 0;
    }

    @Override
    public void append(long id, long sequence, byte[] amqp, Callback callback) {
        callback.stored();
    }

    @Override
    public void remove(long id) {
    }

    @Override
    public String failure() {
        return null;
    }

    @Override
    public Path directory() {
        return null;
    }

    @Override
    public void close() {
    }
}
