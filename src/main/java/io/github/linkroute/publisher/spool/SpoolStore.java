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
import java.util.List;
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
    static final int FORMAT_VERSION = 1;
    static final String LOCK_FILE = "spool.lock";
    private static final byte MESSAGE = 1;
    private static final byte HIGHEST_SEQUENCE = 2;
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
    private volatile String failure;
    private final AtomicInteger depth = new AtomicInteger();
    /** The highest sequence appended (or found at start-up). */
    private long highestSequence;
    /** The highest-sequence mark on disk, 0 when none was written. */
    private long markWritten;

    private SpoolStore(Path dir, FileChannel lockChannel, FileLock lock, JournalImpl journal,
            List<SpooledMessage> recovered, long highestSequence, long markWritten) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.journal = journal;
        this.recovered = recovered;
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
        List<SpooledMessage> messages = new ArrayList<>();
        for (RecordInfo record : records) {
            ByteBuffer data = ByteBuffer.wrap(record.data);
            if (record.id == HIGHEST_SEQUENCE_ID) {
                mark = data.getLong();
                highest = Math.max(highest, mark);
            } else if (record.userRecordType == MESSAGE) {
                long sequence = data.getLong();
                long takenAt = data.getLong();
                byte[] amqp = new byte[data.remaining()];
                data.get(amqp);
                messages.add(new SpooledMessage(record.id, sequence, takenAt, amqp));
                highest = Math.max(highest, sequence);
            }
        }
        messages.sort(Comparator.comparingLong(SpooledMessage::id));
        return new SpoolStore(dir, channel, lock, journal, List.copyOf(messages), highest, mark);
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

    /** Not thread-safe: one caller (the link's event loop) appends and removes. */
    @Override
    public void append(long id, long sequence, byte[] amqp, Callback callback) {
        String broken = failure;
        if (broken != null) {
            callback.failed(broken);
            return;
        }
        if (sequence > highestSequence) {
            highestSequence = sequence;
        }
        try {
            byte[] payload = ByteBuffer.allocate(2 * Long.BYTES + amqp.length).putLong(sequence)
                    .putLong(System.currentTimeMillis()).put(amqp).array();
            journal.appendAddRecord(id, MESSAGE, new ByteArrayEncoding(payload), true, new IOCompletion() {
                @Override
                public void storeLineUp() {
                }

                @Override
                public void done() {
                    depth.incrementAndGet();
                    callback.stored();
                }

                @Override
                public void onError(int code, String message) {
                    callback.failed(fail("writing to " + dir + " failed: " + message + " (" + code + ")"));
                }
            });
        } catch (Exception e) {
            callback.failed(fail("writing to " + dir + " failed: " + e));
        }
    }

    @Override
    public void remove(long id, long sequence) {
        if (failure != null) {
            return;
        }
        try {
            if (sequence > 0 && sequence == highestSequence && sequence > markWritten) {
                // the newest sequence is about to leave the spool: remember it, so a restart never hands it out
                // again (written before the delete, so no crash can keep the delete and lose the mark)
                byte[] mark = ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
                if (markWritten > 0) {
                    journal.appendUpdateRecord(HIGHEST_SEQUENCE_ID, HIGHEST_SEQUENCE, mark, false);
                } else {
                    journal.appendAddRecord(HIGHEST_SEQUENCE_ID, HIGHEST_SEQUENCE, mark, false);
                }
                markWritten = sequence;
            }
            journal.tryAppendDeleteRecord(id, null, false);
            depth.decrementAndGet();
        } catch (Exception e) {
            fail("removing from " + dir + " failed: " + e);
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
