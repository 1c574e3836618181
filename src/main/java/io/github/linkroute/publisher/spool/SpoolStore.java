package io.github.linkroute.publisher.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.ArtemisConstants;
import org.apache.activemq.artemis.core.io.nio.NIOSequentialFileFactory;
import org.apache.activemq.artemis.core.journal.IOCompletion;
import org.apache.activemq.artemis.core.journal.RecordInfo;
import org.apache.activemq.artemis.core.journal.impl.JournalFile;
import org.apache.activemq.artemis.core.journal.impl.JournalImpl;
import org.apache.activemq.artemis.core.journal.impl.JournalReaderCallback;
import org.apache.activemq.artemis.core.journal.impl.dataformat.ByteArrayEncoding;

import io.quarkus.logging.Log;

/**
 * Messages on local disk until the broker settles them: the Artemis journal (append-only files, one
 * fsync for many appends, compaction), a lock file against a second process, and a format version.
 * Record payload: the emitter's sequence (or 0), when it was taken (epoch ms), then the encoded AMQP
 * message, exactly as sent.
 */
public final class SpoolStore implements Spool {

    /** Bump when the record layout changes: an older spool then stops start-up with what to do. */
    static final int FORMAT_VERSION = 2;
    static final String LOCK_FILE = "spool.lock";
    /**
     * The one record holding the highest sequence that left the spool, written only when the newest one
     * leaves (messages use ids from 1): with the sequences still on disk it gives the highest ever taken.
     */
    private static final long HIGHEST_SEQUENCE_ID = 0;
    private static final int FILE_SIZE = 10 * 1024 * 1024;

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final JournalImpl journal;
    private final List<SpooledMessage> recovered;
    /** The batch record each message on disk is in; only the link's event loop touches these. */
    private final Map<Long, Batch> batchOf;
    /** Taken since the last flush: they go to disk as one record. */
    private final List<Appended> appends = new ArrayList<>();
    /** Settled since the last flush, by the batch they leave. */
    private final Map<Batch, List<Long>> settled = new LinkedHashMap<>();
    private volatile String failure;
    private final AtomicInteger depth = new AtomicInteger();
    /** The highest sequence appended (or found at start-up). */
    private long highestSequence;
    /** The highest-sequence mark on disk, 0 when none was written. */
    private long markWritten;

    /** One batch record on disk and how many of its messages have not left it yet. */
    private static final class Batch {
        final long recordId;
        int remaining;

        Batch(long recordId, int remaining) {
            this.recordId = recordId;
            this.remaining = remaining;
        }
    }

    private record Appended(SpooledMessage message, Callback callback) {
    }

    private SpoolStore(Path dir, FileChannel lockChannel, FileLock lock, JournalImpl journal,
            List<SpooledMessage> recovered, Map<Long, Batch> batchOf, long highestSequence, long markWritten) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.journal = journal;
        this.recovered = recovered;
        this.batchOf = batchOf;
        this.highestSequence = highestSequence;
        this.markWritten = markWritten;
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
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new SpoolUnavailableException("spool directory " + absolute + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(absolute)) {
            throw new SpoolUnavailableException("spool directory " + absolute + " is not writable");
        }
        FileChannel channel = null;
        FileLock lock = null;
        try {
            channel = FileChannel.open(absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new SpoolException("spool directory " + absolute + " cannot be locked: " + e, e);
        }
        if (lock == null) {
            close(channel);
            throw new SpoolException("spool directory " + absolute + " is in use by another process (it holds "
                    + absolute.resolve(LOCK_FILE) + "); give each instance its own publisher.spool.dir");
        }
        try {
            return load(absolute, channel, lock);
        } catch (RuntimeException e) {
            release(channel, lock);
            throw e;
        }
    }

    private static SpoolStore load(Path dir, FileChannel channel, FileLock lock) {
        NIOSequentialFileFactory files = new NIOSequentialFileFactory(dir.toFile(), true,
                ArtemisConstants.DEFAULT_JOURNAL_BUFFER_SIZE_NIO, ArtemisConstants.DEFAULT_JOURNAL_BUFFER_TIMEOUT_NIO, 1,
                false, (cause, message, file) -> Log.errorf("spool: I/O error on %s: %s", file, message), null);
        JournalImpl journal = new JournalImpl(FILE_SIZE, 2, 2, 10, 30, files, "spool", "jrn", 1, FORMAT_VERSION);
        List<RecordInfo> records = new ArrayList<>();
        try {
            journal.start();
            warnAboutTornRecords(journal, files);
            journal.load(records, new ArrayList<>(), (tx, txRecords, deleted) -> {
            });
        } catch (Exception e) {
            stopQuietly(journal);
            String text = String.valueOf(e.getMessage());
            if (text.contains("AMQ149001") || text.contains("AMQ149002")) {
                throw new SpoolException("spool in " + dir + " was written by an incompatible version of this service ("
                        + text + "); start the version that wrote it until the spool is empty, or move the directory "
                        + "away to start with an empty spool (its messages are then not sent)", e);
            }
            throw new SpoolException("spool in " + dir + " cannot be read: " + e, e);
        }
        long highest = 0;
        long mark = 0;
        Map<Long, List<SpooledMessage>> batches = new TreeMap<>();
        Set<Long> left = new HashSet<>();
        for (RecordInfo record : records) {
            if (record.id == HIGHEST_SEQUENCE_ID) {
                mark = ByteBuffer.wrap(record.data).getLong();
                highest = Math.max(highest, mark);
            } else if (record.userRecordType == SpoolRecords.BATCH && !record.isUpdate) {
                batches.put(record.id, SpoolRecords.readBatch(record.data));
            } else if (record.userRecordType == SpoolRecords.SETTLED) {
                for (long id : SpoolRecords.readSettled(record.data)) {
                    left.add(id);
                }
            }
        }
        List<SpooledMessage> messages = new ArrayList<>();
        Map<Long, Batch> batchOf = new HashMap<>();
        for (Map.Entry<Long, List<SpooledMessage>> entry : batches.entrySet()) {
            List<SpooledMessage> still = entry.getValue().stream().filter(m -> !left.contains(m.id())).toList();
            Batch batch = new Batch(entry.getKey(), still.size());
            for (SpooledMessage message : entry.getValue()) {
                highest = Math.max(highest, message.sequence());
            }
            if (still.isEmpty()) {
                deleteQuietly(journal, entry.getKey()); // every message left it; the delete was lost in a stop
            }
            still.forEach(m -> batchOf.put(m.id(), batch));
            messages.addAll(still);
        }
        messages.sort(Comparator.comparingLong(SpooledMessage::id));
        return new SpoolStore(dir, channel, lock, journal, List.copyOf(messages), batchOf, highest, mark);
    }

    private static void deleteQuietly(JournalImpl journal, long recordId) {
        try {
            journal.tryAppendDeleteRecord(recordId, null, false);
        } catch (Exception e) {
            Log.warnf("spool: removing an emptied batch record: %s", e.toString());
        }
    }

    /**
     * A kill -9 mid-write leaves a record whose end does not match its start: the journal skips it
     * silently. Say so once, with the file and the offset where valid data ends.
     */
    private static void warnAboutTornRecords(JournalImpl journal, NIOSequentialFileFactory files) throws Exception {
        for (JournalFile file : journal.orderFiles()) {
            AtomicBoolean damaged = new AtomicBoolean();
            int validUpTo = JournalImpl.readJournalFile(files, file, new JournalReaderCallback() {
                @Override
                public void markAsDataFile(JournalFile f) {
                    damaged.set(true);
                }
            });
            if (damaged.get()) {
                Log.warnf("spool: a torn record in %s at offset %d was skipped (a write cut short by a crash); "
                        + "every record before it is recovered", file.getFile().getFileName(), validUpTo);
            }
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
        Batch batch = batchOf.remove(id);
        if (batch == null) {
            return; // not on disk: its append failed
        }
        try {
            if (sequence > 0 && sequence == highestSequence && sequence > markWritten) {
                // the newest sequence is about to leave the spool: remember it, so a restart never hands it out
                // again (written before the settlement, so no crash can keep the settlement and lose the mark)
                byte[] mark = ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
                if (markWritten > 0) {
                    journal.appendUpdateRecord(HIGHEST_SEQUENCE_ID, SpoolRecords.HIGHEST_SEQUENCE, mark, false);
                } else {
                    journal.appendAddRecord(HIGHEST_SEQUENCE_ID, SpoolRecords.HIGHEST_SEQUENCE, mark, false);
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
            writeBatch(List.copyOf(appends));
            appends.clear();
        }
        if (!settled.isEmpty()) {
            try {
                for (Map.Entry<Batch, List<Long>> entry : settled.entrySet()) {
                    Batch batch = entry.getKey();
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

    private void writeBatch(List<Appended> batch) {
        String broken = failure;
        if (broken != null) {
            batch.forEach(a -> a.callback().failed(broken));
            return;
        }
        List<SpooledMessage> messages = batch.stream().map(Appended::message).toList();
        long recordId = messages.get(0).id();
        Batch onDisk = new Batch(recordId, messages.size());
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
        stopQuietly(journal);
        release(lockChannel, lock);
    }

    private static void stopQuietly(JournalImpl journal) {
        try {
            journal.stop();
        } catch (Exception e) {
            Log.warnf("spool: stopping the journal: %s", e.toString());
        }
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
