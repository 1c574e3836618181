package io.github.linkroute.publisher.spool;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a message waits on local disk from the moment it is taken until the broker settles it, so that
 * a stop or a crash of the service loses nothing: what is left is sent again at the next start.
 */
public interface Spool extends AutoCloseable {

    /** Told, on the journal's thread, when an append is on disk or cannot be. */
    interface Callback {
        void stored();

        void failed(String reason);
    }

    /** What the spool held when it was opened, oldest first. */
    List<SpooledMessage> recovered();

    /** The highest emitter sequence ever spooled (0 when none), so a restart never hands one out twice. */
    long highestSequence();

    /** Appends one message (durable before {@link Callback#stored()}); {@code sequence} 0 when it has none. */
    void append(long id, long sequence, byte[] amqp, Callback callback);

    /** Forgets a message the broker settled. */
    void remove(long id);

    /** Why the spool takes nothing any more, or null while it works. */
    String failure();

    /** Its directory, for log lines and the status page; null when there is none. */
    Path directory();

    @Override
    void close();

    /** No spool (publisher.spool.enabled=false): taken means held in memory, as before the spool. */
    static Spool none() {
        return NoSpool.INSTANCE;
    }
}
