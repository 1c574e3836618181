package io.github.linkroute.publisher.bench;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Target;

import io.github.linkroute.publisher.support.ArtemisBroker;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonClientOptions;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonDelivery;
import io.vertx.proton.ProtonQoS;
import io.vertx.proton.ProtonSender;

/**
 * The baseline: a plain vertx-proton sender on its own Vert.x, sending whenever credit is there and
 * counting ACCEPTED, with the same message shape (message id, {@code _AMQ_DUPL_ID}, 100-byte body).
 */
final class PlainClient implements BenchClient {

    private final Vertx vertx = Vertx.vertx();
    private final boolean durable;
    private final ArrayDeque<LongConsumer> queued = new ArrayDeque<>();
    private Context context;
    private ProtonConnection connection;
    private ProtonSender sender;
    private int burstLeft;
    private Runnable burstAccepted;
    private java.util.function.Consumer<Throwable> burstFailed;

    private PlainClient(boolean durable) {
        this.durable = durable;
    }

    /** Connected and attached, with credit. */
    static PlainClient open(ArtemisBroker broker, String address, boolean durable) throws Exception {
        PlainClient client = new PlainClient(durable);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        client.vertx.runOnContext(v -> {
            client.context = Vertx.currentContext();
            ProtonClient.create(client.vertx).connect(new ProtonClientOptions(), "127.0.0.1", broker.amqpPort(),
                    ArtemisBroker.USER, ArtemisBroker.PASSWORD, ar -> {
                        if (ar.failed()) {
                            ready.completeExceptionally(ar.cause());
                            return;
                        }
                        client.connection = ar.result().open();
                        ProtonSender sender = client.connection.createSender(address);
                        ((Target) sender.getTarget()).setCapabilities(Symbol.valueOf("queue"));
                        sender.setQoS(ProtonQoS.AT_LEAST_ONCE);
                        sender.sendQueueDrainHandler(s -> {
                            ready.complete(null);
                            client.pump();
                        });
                        sender.openHandler(opened -> {
                            if (opened.failed()) {
                                ready.completeExceptionally(opened.cause());
                            }
                        });
                        client.sender = sender.open();
                    });
        });
        ready.get(30, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public CompletableFuture<Void> burst(int n) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] left = { n };
        context.runOnContext(v -> {
            burstAccepted = () -> {
                if (--left[0] == 0) {
                    done.complete(null);
                }
            };
            burstFailed = done::completeExceptionally;
            burstLeft = n;
            pump();
        });
        return done;
    }

    @Override
    public void send(LongConsumer accepted) {
        context.runOnContext(v -> {
            queued.add(accepted);
            pump();
        });
    }

    /** On the context: as many messages as there is credit for, queued single sends first. */
    private void pump() {
        while (sender != null && !sender.sendQueueFull() && (!queued.isEmpty() || burstLeft > 0)) {
            LongConsumer single = queued.poll();
            if (single != null) {
                sender.send(message(), delivery -> {
                    if (delivery.remotelySettled()) {
                        single.accept(accepted(delivery) ? System.nanoTime() : -1);
                    }
                });
            } else {
                burstLeft--;
                Runnable accepted = burstAccepted;
                java.util.function.Consumer<Throwable> failed = burstFailed;
                sender.send(message(), delivery -> {
                    if (delivery.remotelySettled()) {
                        if (accepted(delivery)) {
                            accepted.run();
                        } else {
                            failed.accept(new IllegalStateException("not accepted: " + delivery.getRemoteState()));
                        }
                    }
                });
            }
        }
    }

    private static boolean accepted(ProtonDelivery delivery) {
        return delivery.getRemoteState() instanceof Accepted;
    }

    private org.apache.qpid.proton.message.Message message() {
        org.apache.qpid.proton.message.Message m = org.apache.qpid.proton.message.Message.Factory.create();
        String id = UUID.randomUUID().toString();
        m.setMessageId(id);
        m.setDurable(durable);
        m.setApplicationProperties(new ApplicationProperties(Map.of("_AMQ_DUPL_ID", id)));
        m.setBody(new AmqpValue(Bench.BODY));
        return m;
    }

    @Override
    public void close() throws Exception {
        try {
            context.runOnContext(v -> connection.close());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
