package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.spool.Spool;
import io.github.linkroute.publisher.spool.SpoolStore;
import io.github.linkroute.publisher.spool.SpooledMessage;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.LogCapture;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * The spool, frame by frame: what a previous run left in it goes out first, in its original order, with
 * its original message id, {@code _AMQ_DUPL_ID}, sequence and body, before anything new; each leaves the
 * spool once ACCEPTED; and at shutdown what the broker never settled is not nacked but kept in the spool
 * for the next start ("N messages kept"). Runs without Quarkus, on a real spool on disk.
 */
@Timeout(60)
class SpoolRecoveryTest extends LinkTestBase {

    @TempDir
    Path dir;

    private SpoolStore spool;
    private final List<String> leftIds = List.of("left-1", "left-2", "left-3");
    private final DecodedTransfers transfers = new DecodedTransfers();

    /** The recovered three go out as soon as the first attach has credit: script them before the link starts. */
    @Override
    protected void scriptStart() {
        super.scriptStart();
        for (int i = 0; i < leftIds.size(); i++) {
            peer.expectTransfer().withPayload(transfers.record()).accept();
        }
    }

    /** A spool as a killed run left it: three messages, sequences 7, 8, 9. */
    @Override
    protected Spool spool() {
        try (SpoolStore previous = SpoolStore.open(dir)) {
            CountDownLatch stored = new CountDownLatch(leftIds.size());
            for (int i = 0; i < leftIds.size(); i++) {
                org.apache.qpid.proton.message.Message amqp = org.apache.qpid.proton.message.Message.Factory.create();
                amqp.setMessageId(leftIds.get(i));
                amqp.setDurable(true);
                amqp.setApplicationProperties(new ApplicationProperties(Map.of(Channels.SEQUENCE_PROPERTY, 7L + i,
                        AmqpMessages.DUPLICATE_ID_PROPERTY, leftIds.get(i))));
                amqp.setBody(new AmqpValue("left over " + (7 + i)));
                previous.append(i + 1, 7 + i, AmqpMessages.encode(amqp), new Spool.Callback() {
                    @Override
                    public void stored() {
                        stored.countDown();
                    }

                    @Override
                    public void failed(String reason) {
                        throw new AssertionError(reason);
                    }
                });
            }
            previous.flush();
            await().until(() -> stored.getCount() == 0);
        }
        spool = SpoolStore.open(dir);
        return spool;
    }

    @Test
    void whatThePreviousRunLeftGoesOutFirstAndLeavesTheSpoolWhenAccepted() throws Exception {
        awaitAttached();
        peer.expectTransfer().withPayload(transfers.record()).accept();
        Published fresh = publish(10);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        assertThat(transfers.messageIds()).containsExactly("left-1", "left-2", "left-3", fresh.messageId());
        assertThat(transfers.property(AmqpMessages.DUPLICATE_ID_PROPERTY))
                .containsExactly("left-1", "left-2", "left-3", fresh.messageId());
        assertThat(transfers.property(Channels.SEQUENCE_PROPERTY)).containsExactly(7L, 8L, 9L, 10L);
        assertThat(((AmqpValue) transfers.messages().get(0).getBody()).getValue()).isEqualTo("left over 7");
        await().until(() -> fresh.outcome().isDone() && spool.depth() == 0);
        assertThat(fresh.stored()).isCompleted();
        await().until(() -> observed.containsAll(
                List.of("recoveredSettled:7:true", "recoveredSettled:8:true", "recoveredSettled:9:true")));
        assertThat(linkStatus().counters().resent()).as("a recovered message is not a re-send on this link").isZero();

        RouterScript.expectShutdown(peer);
        link.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        spool.close();
        try (SpoolStore reopened = SpoolStore.open(dir)) {
            assertThat(reopened.recovered()).isEmpty();
            assertThat(reopened.highestSequence()).isEqualTo(10);
        }
    }

    @Test
    void whatTheBrokerNeverSettledIsKeptForTheNextStart() throws Exception {
        awaitAttached();
        peer.expectTransfer().withPayload(transfers.record());
        Published unsettled = publish(10);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        await().until(() -> spool.depth() == 1);

        RouterScript.expectShutdown(peer);
        try (LogCapture log = LogCapture.ofLink()) {
            link.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(log.lines()).contains("amqp-link[publish] 1 messages kept in the spool for the next start");
        }
        assertThat(unsettled.outcome()).as("kept, not nacked").isNotDone();
        spool.close();
        try (SpoolStore reopened = SpoolStore.open(dir)) {
            assertThat(reopened.recovered()).extracting(SpooledMessage::sequence).containsExactly(10L);
            assertThat(AmqpMessages.decode(reopened.recovered().get(0).amqp()).getMessageId())
                    .isEqualTo(unsettled.messageId());
        }
    }
}
