package io.github.linkroute.publisher.spool;

import java.nio.file.Path;
import java.util.List;

/**
 * No spool on disk: turned off (every append is "stored" at once and nothing survives a restart), or
 * broken from the start (every append fails with the reason).
 */
final class NoSpool implements Spool {

    private final String failure;

    NoSpool(String failure) {
        this.failure = failure;
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
        if (failure == null) {
            callback.stored();
        } else {
            callback.failed(failure);
        }
    }

    @Override
    public void remove(long id, long sequence) {
    }

    @Override
    public int depth() {
        return 0;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public Path directory() {
        return null;
    }

    @Override
    public void close() {
    }
}
