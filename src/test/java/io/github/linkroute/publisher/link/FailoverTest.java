package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * Failover between two scripted routers (publisher.url lists both): the first drops the connection with a
 * delivery unsettled; the link connects to the second at once (no back-off within a round), attaches,
 * re-sends the delivery with the same id, and names the router in use. Runs without Quarkus.
 */
@Timeout(60)
class FailoverTest extends LinkTestBase {

    private ProtonTestServer second;

    @Override
    protected Map<String, String> settings() {
        second = new ProtonTestServer();
        RouterScript.connectAndAttach(second, INITIAL_CREDIT, new ArrayList<>());
        second.start();
        return Map.of("urls", "amqp://127.0.0.1:" + peer.getServerURI().getPort() + ",amqp://127.0.0.1:"
                + second.getServerURI().getPort(), "reconnect-initial-delay", "5s");
    }

    @AfterEach
    void closeSecond() {
        second.close();
    }

    @Test
    void aLostRouterIsReplacedByTheNextAtOnceAndNothingIsLost() throws Exception {
        awaitAttached();
        assertThat(link.view().connectedTo()).isEqualTo("127.0.0.1:" + peer.getServerURI().getPort());

        DecodedTransfers first = new DecodedTransfers();
        peer.expectTransfer().withPayload(first.record());
        peer.dropAfterLastHandler();
        DecodedTransfers resent = new DecodedTransfers();
        second.expectTransfer().withPayload(resent.record()).accept();
        long lostAt = System.nanoTime();
        Published message = publish(1);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        second.waitForScriptToComplete(10, TimeUnit.SECONDS);

        await().until(() -> message.outcome().isDone());
        assertThat(message.outcome()).isCompletedWithValue(null);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt))
                .as("the next router at once, not after the 5 s back-off").isLessThan(4000);
        assertThat(resent.messageIds()).isEqualTo(first.messageIds());
        assertThat(link.view().connectedTo()).isEqualTo("127.0.0.1:" + second.getServerURI().getPort());
        assertThat(linkStatus().counters().reconnects()).isEqualTo(1);
        assertThat(observed).contains("reconnected:" + Condition.CONNECTION_LOST);

        RouterScript.expectShutdown(second);
    }
}
