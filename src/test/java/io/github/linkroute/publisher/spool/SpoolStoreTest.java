package io.github.linkroute.publisher.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.activemq.artemis.core.io.nio.NIOSequentialFileFactory;
import org.apache.activemq.artemis.core.journal.impl.JournalImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.linkroute.publisher.support.LogCapture;

/**
 * The spool on a real disk: what was stored comes back in order after a reopen, removed messages do not,
 * the highest sequence survives an empty spool, a second opener is refused naming the directory, a torn
 * last record is skipped with one WARN naming file and offset, and an incompatible spool stops the opener.
 */
@Timeout(60)
class SpoolStoreTest {

    @TempDir
    Path dir;

    @Test
    void storedMessagesComeBackInOrderAndRemovedOnesDoNot() throws Exception {
        try (SpoolStore spool = SpoolStore.open(dir)) {
            assertThat(spool.recovered()).isEmpty();
            appendAll(spool, 1, 10);
            spool.remove(3, 103);
            spool.remove(7, 107);
        }
        try (SpoolStore spool = SpoolStore.open(dir)) {
            assertThat(spool.recovered()).extracting(SpooledMessage::id).containsExactly(1L, 2L, 4L, 5L, 6L, 8L, 9L, 10L);
            assertThat(spool.recovered()).extracting(SpooledMessage::sequence).containsExactly(101L, 102L, 104L, 105L, 106L,
                    108L, 109L, 110L);
            assertThat(new String(spool.recovered().get(0).amqp(), StandardCharsets.UTF_8)).isEqualTo("message 1");
            assertThat(spool.highestSequence()).isEqualTo(110);
        }
    }

    @Test
    void messagesLeaveABatchRecordOneByOneAcrossRestarts() throws Exception {
        try (SpoolStore spool = SpoolStore.open(dir)) {
            appendAll(spool, 1, 10, false);
            spool.remove(3, 103);
            spool.remove(7, 107);
            spool.flush();
            assertThat(spool.depth()).isEqualTo(8);
        }
        try (SpoolStore spool = SpoolStore.open(dir)) {
            assertThat(spool.recovered()).extracting(SpooledMessage::id).containsExactly(1L, 2L, 4L, 5L, 6L, 8L, 9L, 10L);
            assertThat(new String(spool.recovered().get(7).amqp(), StandardCharsets.UTF_8)).isEqualTo("message 10");
            for (SpooledMessage message : spool.recovered()) {
                spool.remove(message.id(), message.sequence());
            }
            assertThat(spool.depth()).isZero();
        }
        try (SpoolStore spool = SpoolStore.open(dir)) {
            assertThat(spool.recovered()).as("the emptied batch record is gone").isEmpty();
            assertThat(spool.highestSequence()).isEqualTo(110);
        }
    }

    @Test
    void theHighestSequenceSurvivesAnEmptySpool() throws Exception {
        try (SpoolStore spool = SpoolStore.open(dir)) {
            appendAll(spool, 1, 5);
            for (long id = 1; id <= 5; id++) {
                spool.remove(id, 100 + id);
            }
        }
        try (SpoolStore spool = SpoolStore.open(dir)) {
            assertThat(spool.recovered()).isEmpty();
            assertThat(spool.highestSequence()).isEqualTo(105);
        }
    }

    @Test
    void aSecondOpenerIsRefusedNamingTheDirectory() {
        try (SpoolStore first = SpoolStore.open(dir)) {
            assertThatThrownBy(() -> SpoolStore.open(dir)).isInstanceOf(SpoolException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString()).hasMessageContaining("in use by another process");
        }
        SpoolStore.open(dir).close();
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> SpoolStore.open(file.resolve("spool"))).isInstanceOf(SpoolException.class)
                .hasMessageContaining(file.resolve("spool").toString()).hasMessageContaining("cannot be created");
    }

    @Test
    void aTornLastRecordIsSkippedWithOneWarning() throws Exception {
        try (SpoolStore spool = SpoolStore.open(dir)) {
            appendAll(spool, 1, 10);
        }
        Path journal = journalFile();
        long end = endOfData(journal);
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            // a crash mid-write: the last record's tail never reached the disk
            file.seek(end - 12);
            file.write(new byte[12]);
        }
        try (LogCapture log = LogCapture.ofCategory("io.github.linkroute.publisher.spool"); SpoolStore spool = SpoolStore.open(dir)) {
            assertThat(spool.recovered()).extracting(SpooledMessage::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(log.lines()).filteredOn(line -> line.contains("torn record")).singleElement()
                    .satisfies(line -> assertThat(line).contains(journal.getFileName().toString()).containsPattern("offset \\d+"));
        }
    }

    @Test
    void aSpoolOfAnotherFormatStopsTheOpenerWithWhatToDo() throws Exception {
        JournalImpl other = new JournalImpl(10 * 1024 * 1024, 2, 2, 10, 30,
                new NIOSequentialFileFactory(dir.toFile(), 1), "spool", "jrn", 1, SpoolJournal.FORMAT_VERSION + 1);
        other.start();
        other.load(new java.util.ArrayList<>(), new java.util.ArrayList<>(), (tx, records, deleted) -> {
        });
        other.appendAddRecord(1, (byte) 1, new byte[] { 1 }, true);
        other.stop();
        assertThatThrownBy(() -> SpoolStore.open(dir)).isInstanceOf(SpoolException.class)
                .hasMessageContaining("incompatible version").hasMessageContaining("move the directory away");
    }

    /** One record per message, as when messages arrive one at a time. */
    private static void appendAll(SpoolStore spool, long from, long to) throws InterruptedException {
        appendAll(spool, from, to, true);
    }

    /** With {@code recordEach} false, all in one batch record, as a burst of arrivals is written. */
    private static void appendAll(SpoolStore spool, long from, long to, boolean recordEach) throws InterruptedException {
        CountDownLatch stored = new CountDownLatch((int) (to - from + 1));
        for (long id = from; id <= to; id++) {
            spool.append(id, 100 + id, ("message " + id).getBytes(StandardCharsets.UTF_8), new Spool.Callback() {
                @Override
                public void stored() {
                    stored.countDown();
                }

                @Override
                public void failed(String reason) {
                    throw new AssertionError(reason);
                }
            });
            if (recordEach) {
                spool.flush();
            }
        }
        spool.flush();
        assertThat(stored.await(10, TimeUnit.SECONDS)).as("every append synced").isTrue();
    }

    /** The journal file holding the data (the other pre-allocated one is empty). */
    private Path journalFile() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> journals = files.filter(f -> f.toString().endsWith(".jrn")).sorted().toList();
            for (Path journal : journals) {
                if (endOfData(journal) > JournalImpl.SIZE_HEADER + 64) {
                    return journal;
                }
            }
        }
        throw new AssertionError("no journal file with data in " + dir);
    }

    /** Files are pre-allocated with zeros: data ends after the last non-zero byte. */
    private static long endOfData(Path journal) throws Exception {
        byte[] bytes = Files.readAllBytes(journal);
        int last = bytes.length - 1;
        while (last >= 0 && bytes[last] == 0) {
            last--;
        }
        return last + 1;
    }
}
