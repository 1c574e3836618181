package io.github.linkroute.publisher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.linkroute.publisher.support.LogCapture;

/**
 * Dev mode's embedded broker starts, creates the publisher's queue and starts again on the same journal
 * (a live reload) without a single Artemis warning: no AMQ222165 (no dead-letter address) and no
 * AMQ222166 (no expiry address) for each queue. Runs the broker in the test JVM, without Quarkus.
 */
@Timeout(60)
class DevBrokerWarningsTest {

    private static final String QUEUE = "link1.test";

    @Test
    void startQueueAndRestartLogNoWarning(@TempDir Path dir) throws Exception {
        int port = freePort();
        Logger category = Logger.getLogger("org.apache.activemq.artemis");
        Level level = category.getLevel();
        // INFO too: its start-up lines show that the capture sees what Artemis logs
        category.setLevel(Level.INFO);
        try (LogCapture artemis = LogCapture.ofCategory(category.getName())) {
            EmbeddedActiveMQ first = start(port, dir);
            first.getActiveMQServer().createQueue(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST));
            first.stop();
            EmbeddedActiveMQ reloaded = start(port, dir);
            assertThat(reloaded.getActiveMQServer().locateQueue(QUEUE)).as("the queue, loaded from the journal").isNotNull();
            assertThat(reloaded.getActiveMQServer().locateQueue(DevBroker.DEAD_LETTERS)).isNotNull();
            assertThat(reloaded.getActiveMQServer().locateQueue(DevBroker.EXPIRED)).isNotNull();
            reloaded.stop();

            assertThat(artemis.records()).as("Artemis warnings")
                    .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .extracting(r -> r.getLevel() + " " + r.getMessage())
                    .isEmpty();
            assertThat(artemis.lines()).as("Artemis's own start-up lines").anyMatch(l -> l.startsWith("AMQ221"));
        } finally {
            category.setLevel(level);
        }
    }

    private static EmbeddedActiveMQ start(int port, Path dir) throws Exception {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(DevBroker.configuration(port, dir.toString()));
        server.start();
        return server;
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
