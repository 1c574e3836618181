package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.MapConfig;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouter;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.reactive.messaging.amqp.AmqpConnector;

/**
 * Why the project has its own link handling: the stock smallrye-amqp outgoing channel, named sender,
 * on the same script as {@link RoutedLinkLostTest}. After qd:routed-link-lost it never re-attaches
 * and the unsettled message is never settled nor nacked: it would be lost without a trace.
 */
@QuarkusTest
@TestProfile(StockConnectorFailsTest.Profile.class)
@Timeout(60)
class StockConnectorFailsTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
    }

    @Inject
    @Connector("smallrye-amqp")
    AmqpConnector stock;

    @Test
    void stockChannelNeitherReattachesNorSettlesAfterRoutedLinkLost() throws Exception {
        try (ProtonTestServer stockPeer = new ProtonTestServer()) {
            stockPeer.expectSASLAnonymousConnect();
            stockPeer.expectOpen().respond();
            stockPeer.expectBegin().respond();
            stockPeer.expectAttach().ofSender().withTarget().withAddress(RouterScript.ADDRESS).also().respond();
            stockPeer.remoteFlow().withLinkCredit(10).queue();
            stockPeer.expectTransfer();
            stockPeer.start();

            AtomicReference<MultiEmitter<? super Message<?>>> emitter = new AtomicReference<>();
            Multi<Message<?>> source = Multi.createFrom().<Message<?>>emitter(e -> emitter.set(e));
            @SuppressWarnings("unchecked")
            Flow.Subscriber<Message<?>> subscriber = (Flow.Subscriber<Message<?>>) stock.getSubscriber(new MapConfig(Map.of(
                    "channel-name", "stock",
                    "connector", "smallrye-amqp",
                    "host", "127.0.0.1",
                    "port", String.valueOf(stockPeer.getServerURI().getPort()),
                    "address", RouterScript.ADDRESS,
                    "use-anonymous-sender", "false",
                    "container-id", "stock-test")));
            source.subscribe(subscriber);
            await().until(() -> emitter.get() != null);

            CompletableFuture<String> outcome = new CompletableFuture<>();
            emitter.get().emit(Message.of("unsettled when the route is lost")
                    .withAck(() -> {
                        outcome.complete("ACCEPTED");
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        outcome.complete("NACKED: " + failure);
                        return CompletableFuture.completedFuture(null);
                    }));
            stockPeer.waitForScriptToComplete(10, TimeUnit.SECONDS);

            stockPeer.expectDetach().withClosed(true);
            RouterScript.detachRoutedLinkLost(stockPeer);

            // Our connector re-attaches after RETRY_MS; give the stock one ten times as long.
            Duration patience = Duration.ofMillis(ScriptedRouter.RETRY_MS * 10);
            await().during(patience).atMost(patience.plusSeconds(2)).until(() -> !outcome.isDone());
            // Any ATTACH (or other frame) would have failed the strict script.
            stockPeer.waitForScriptToComplete(1, TimeUnit.SECONDS);
            assertThat(outcome).isNotDone();
        }
        RouterScript.expectShutdown(peer);
    }
}
