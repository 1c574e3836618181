package io.github.linkroute.publisher.spool;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.core.journal.IOCompletion;
import org.apache.activemq.artemis.core.journal.impl.JournalImpl;
import org.apache.activemq.artemis.core.journal.impl.dataformat.ByteArrayEncoding;

import io.quarkus.logging.Log;

/**
 * Messages on local disk until the broker settles them: what the link takes in one turn of its event
 * loop is one synced record of the journal ({@link SpoolJournal}, layouts in {@link SpoolRecords}), and
 * what the broker settled is written as settlements of those records; a lock file ({@link SpoolLock})
 * keeps a second process out.
 */
public final class SpoolStore implements Spool {

    private final Path dir;
    private final SpoolLock lock;
    private final JournalImpl journal;
    private final List<SpooledMessage> recovered;
    /** The batch record each message on disk is in; only the link's event loop touches these. */
    private final Map<Long, SpoolBatch> batchOf;
    /** Taken since the last flush: they go to disk as one record. */
    private final List<Appended> appends = new ArrayList<>();
    /** Settled since the last flush, by the batch they leave. */
    private final Map<SpoolBatch, List<Long>> settled = new LinkedHashMap<>();
    private volatile String failure;
    private final AtomicInteger depth = new AtomicInteger();
    /** The highest sequence appended (or found at start-up). */
    private long highestSequence;
    /** The highest-sequence mark on disk, 0 when none was written. */
    private long markWritten;

    private record Appended(SpooledMessage message, Callback callback) {
    }

    private SpoolStore(Path dir, SpoolLock lock, SpoolJournal.Loaded loaded) {
        this.dir = dir;
        this.lock = lock;
        this.journal = loaded.journal();
        this.recovered = loaded.recovered();
        this.batchOf = loaded.batchOf();
        this.highestSequence = loaded.highestSequence();
        this.markWritten = loaded.markWritten();
        this.depth.set(recovered.size());
    }

    /**
     * Opens (or creates) the spool in {@code dir} and reads back what it holds.
     *
     * @throws SpoolException naming the directory when it cannot be used: not creatable, locked by
     *         another process, or written by an incompatible version
     */
    public static SpoolStore open(Path dir) {
        Path absolute = dir.toAbsolutePath();
        SpoolLock lock = SpoolLock.take(absolute);
        try {
            return new SpoolStore(absolute, lock, SpoolJournal.open(absolute));
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    @Override
    public List<SpooledMessage> recovered() {
        return recovered;
    }

    @Override
    public long highestSequence() {
        return highestSequence;
    }

    @Override
    public Path directory() {
        return dir;
    }

    /**
     * Collects one message for the next {@link #flush()}, which writes it; {@code callback} hears when it
     * is on disk. The link's event loop appends, removes and flushes; the lock only orders the last flush
     * of {@link #close()} after them.
     */
    @Override
    public synchronized void append(long id, long sequence, byte[] amqp, Callback callback) {
        String broken = failure;
        if (broken != null) {
            callback.failed(broken);
            return;
        }
        if (sequence > highestSequence) {
            highestSequence = sequence;
        }
        appends.add(new Appended(new SpooledMessage(id, sequence, System.currentTimeMillis(), amqp), callback));
    }

    @Override
    public synchronized void remove(long id, long sequence) {
        if (failure != null) {
            return;
        }
        SpoolBatch batch = batchOf.remove(id);
        if (batch == null) {
            return; // not on disk: its append failed
        }
        try {
            if (sequence > 0 && sequence == highestSequence && sequence > markWritten) {
                // the newest sequence is about to leave the spool: remember it, so a restart never hands it out
                // again (written before the settlement, so no crash can keep the settlement and lose the mark)
                byte[] mark = ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
                if (markWritten > 0) {
                    journal.appendUpdateRecord(SpoolJournal.HIGHEST_SEQUENCE_ID, SpoolRecords.HIGHEST_SEQUENCE, mark, false);
                } else {
                    journal.appendAddRecord(SpoolJournal.HIGHEST_SEQUENCE_ID, SpoolRecords.HIGHEST_SEQUENCE, mark, false);
                }
                markWritten = sequence;
            }
        } catch (Exception e) {
            fail("removing from " + dir + " failed: " + e);
            return;
        }
        batch.remaining--;
        settled.computeIfAbsent(batch, b -> new ArrayList<>()).add(id);
        depth.decrementAndGet();
    }

    /**
     * Writes what was appended since the last flush as one record (synced: the callbacks hear of it once
     * it is on disk), and what was removed as one settlement per batch (not synced: a settlement lost in
     * a crash only means a re-send that the broker drops as a duplicate).
     */
    @Override
    public synchronized void flush() {
        if (!appends.isEmpty()) {
            writeSpoolBatch(List.copyOf(appends));
            appends.clear();
        }
        if (!settled.isEmpty()) {
            try {
                for (Map.Entry<SpoolBatch, List<Long>> entry : settled.entrySet()) {
                    SpoolBatch batch = entry.getKey();
                    if (batch.remaining == 0) {
                        journal.tryAppendDeleteRecord(batch.recordId, null, false);
                    } else {
                        journal.appendUpdateRecord(batch.recordId, SpoolRecords.SETTLED,
                                SpoolRecords.settled(entry.getValue()), false);
                    }
                }
            } catch (Exception e) {
                fail("removing from " + dir + " failed: " + e);
            }
            settled.clear();
        }
    }

    private void writeSpoolBatch(List<Appended> batch) {
        String broken = failure;
        if (broken != null) {
            batch.forEach(a -> a.callback().failed(broken));
            return;
        }
        List<SpooledMessage> messages = batch.stream().map(Appended::message).toList();
        long recordId = messages.get(0).id();
        SpoolBatch onDisk = new SpoolBatch(recordId, messages.size());
        try {
            journal.appendAddRecord(recordId, SpoolRecords.BATCH, new ByteArrayEncoding(SpoolRecords.batch(messages)), true,
                    new IOCompletion() {
                        @Override
                        public void storeLineUp() {
                        }

                        @Override
                        public void done() {
                            depth.addAndGet(batch.size());
                            batch.forEach(a -> a.callback().stored());
                        }

                        @Override
                        public void onError(int code, String message) {
                            String reason = fail("writing to " + dir + " failed: " + message + " (" + code + ")");
                            batch.forEach(a -> a.callback().failed(reason));
                        }
                    });
            messages.forEach(m -> batchOf.put(m.id(), onDisk));
        } catch (Exception e) {
            String reason = fail("writing to " + dir + " failed: " + e);
            batch.forEach(a -> a.callback().failed(reason));
        }
    }

    @Override
    public int depth() {
        return depth.get();
    }

    @Override
    public String failure() {
        return failure;
    }

    /** The first failure sticks: one ERROR line, then every append is refused with that reason. */
    private synchronized String fail(String reason) {
        if (failure == null) {
            failure = reason;
            Log.errorf("spool: %s; new messages are not taken until it is fixed and the service restarted", reason);
        }
        return failure;
    }

    @Override
    public void close() {
        flush();
        SpoolJournal.stopQuietly(journal);
        lock.release();
    }
}
