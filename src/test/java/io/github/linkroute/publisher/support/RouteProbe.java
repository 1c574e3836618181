package io.github.linkroute.publisher.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Target;

import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonClientOptions;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonSender;

/**
 * Is the link route up? A sender attach to a {@code link1.*} address through the router: the broker's
 * answer carries a target, the router's refusal (qd:no-route-to-dest) does not. The route takes a few
 * seconds after the broker is back: the router retries its connector every 5 s.
 */
public final class RouteProbe {

    static final String ADDRESS = "link1.route-probe";

    private RouteProbe() {
    }

    public static void awaitRoute(int routerPort, Duration atMost) {
        await("a link-routed attach through 127.0.0.1:" + routerPort).atMost(atMost)
                .pollInterval(Duration.ofMillis(250)).until(() -> routed(routerPort));
    }

    /** One attempt: connect, attach a sender, see whether the broker answered; always closes. */
    public static boolean routed(int routerPort) {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            ProtonClient.create(vertx).connect(new ProtonClientOptions().setConnectTimeout(1000)
                    .addEnabledSaslMechanism("ANONYMOUS"), "127.0.0.1", routerPort, connected -> {
                        if (connected.failed()) {
                            answer.complete(false);
                            return;
                        }
                        ProtonConnection connection = connected.result();
                        connection.openHandler(opened -> {
                            if (opened.failed()) {
                                answer.complete(false);
                                return;
                            }
                            ProtonSender sender = connection.createSender(ADDRESS);
                            ((Target) sender.getTarget()).setCapabilities(Symbol.valueOf("queue"));
                            sender.openHandler(attached -> answer.complete(attached.succeeded()
                                    && sender.getRemoteTarget() != null));
                            sender.closeHandler(detached -> answer.complete(false));
                            sender.open();
                        });
                        connection.disconnectHandler(c -> answer.complete(false));
                        connection.open();
                    });
            return answer.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        } finally {
            vertx.close();
        }
    }
}
