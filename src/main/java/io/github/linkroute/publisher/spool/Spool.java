package io.github.linkroute.publisher.spool;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a message waits on local disk from the moment it is taken until the broker settles it, so that
 * a stop or a crash of the service loses nothing: what is left is sent again at the next start.
 */
public interface Spool extends AutoCloseable {

    /** The AMQP application property holding the emitter's running number, kept so a restart continues it. */
    String SEQUENCE_PROPERTY = "sequence";

    /** Told, on the journal's thread, when an append is on disk or cannot be. */
    interface Callback {
        void stored();

        void failed(String reason);
    }

    /** What the spool held when it was opened, oldest first. */
    List<SpooledMessage> recovered();

    /** The highest emitter sequence ever spooled (0 when none), so a restart never hands one out twice. */
    long highestSequence();

    /**
     * Takes one message; it is written at the next {@link #flush()}, and {@link Callback#stored()} says when it
     * is durable. {@code sequence} 0 when it has none.
     */
    void append(long id, long sequence, byte[] amqp, Callback callback);

    /** Forgets a message the broker settled; {@code sequence} as appended. */
    void remove(long id, long sequence);

    /**
     * Writes what {@link #append} and {@link #remove} collected since the last flush: the link calls it once
     * per turn of its event loop, so that many messages share one record and one sync.
     */
    default void flush() {
    }

    /** Messages on disk now: stored and not yet removed. */
    int depth();

    /** Why the spool takes nothing any more, or null while it works. */
    String failure();

    /** Its directory, for log lines and the status page; null when there is none. */
    Path directory();

    @Override
    void close();

    /** No spool (publisher.spool.enabled=false): taken means held in memory, as before the spool. */
    static Spool none() {
        return new NoSpool(null);
    }

    /** A spool that cannot be used (its directory cannot be written): every append fails with the reason. */
    static Spool failed(String reason) {
        return new NoSpool(reason);
    }
}
