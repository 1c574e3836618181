package io.github.linkroute.publisher.spool;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.activemq.artemis.ArtemisConstants;
import org.apache.activemq.artemis.core.io.nio.NIOSequentialFileFactory;
import org.apache.activemq.artemis.core.journal.RecordInfo;
import org.apache.activemq.artemis.core.journal.impl.JournalFile;
import org.apache.activemq.artemis.core.journal.impl.JournalImpl;
import org.apache.activemq.artemis.core.journal.impl.JournalReaderCallback;

import io.quarkus.logging.Log;

/**
 * Opens the spool's Artemis journal (append-only files, one fsync for many appends, compaction, a format
 * version it checks itself) and reads back what it holds: the messages still on disk, in the order they
 * were taken, and the highest sequence ever taken.
 */
final class SpoolJournal {

    /** Bump when the record layout changes: an older spool then stops start-up with what to do. */
    static final int FORMAT_VERSION = 2;
    /**
     * The one record holding the highest sequence that left the spool, written only when the newest one
     * leaves (messages use ids from 1): with the sequences still on disk it gives the highest ever taken.
     */
    static final long HIGHEST_SEQUENCE_ID = 0;
    private static final int FILE_SIZE = 10 * 1024 * 1024;

    /** What was on disk: the journal, started, and the state read from it. */
    record Loaded(JournalImpl journal, List<SpooledMessage> recovered, Map<Long, SpoolBatch> batchOf,
            long highestSequence, long markWritten) {
    }

    private SpoolJournal() {
    }

    /** @throws SpoolException naming the directory when the journal cannot be read or is of another version */
    static Loaded open(Path dir) {
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
        Map<Long, SpoolBatch> batchOf = new HashMap<>();
        for (Map.Entry<Long, List<SpooledMessage>> entry : batches.entrySet()) {
            List<SpooledMessage> still = entry.getValue().stream().filter(m -> !left.contains(m.id())).toList();
            SpoolBatch batch = new SpoolBatch(entry.getKey(), still.size());
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
        return new Loaded(journal, List.copyOf(messages), batchOf, highest, mark);
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

    static void stopQuietly(JournalImpl journal) {
        try {
            journal.stop();
        } catch (Exception e) {
            Log.warnf("spool: stopping the journal: %s", e.toString());
        }
    }
}
