package io.github.linkroute.publisher.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.linkroute.publisher.messaging.Channels;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;

/** Reads a queue back from the broker: the only place where "nothing lost, nothing twice" can be counted. */
public final class QueueReader {

    private QueueReader() {
    }

    /** Consumes the queue until it holds {@code expected} messages and stays quiet; returns every {@code sequence}. */
    public static List<Long> readSequences(ArtemisBroker broker, String queue, int expected) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                    .setHost("127.0.0.1").setPort(broker.amqpPort())
                    .setUsername(ArtemisBroker.USER).setPassword(ArtemisBroker.PASSWORD));
            AmqpConnection connection = client.connect().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<Long> sequences = new CopyOnWriteArrayList<>();
            connection.createReceiver(queue, new AmqpReceiverOptions().addCapability("queue"))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .handler(message -> sequences.add(message.applicationProperties().getLong(Channels.SEQUENCE_PROPERTY)));
            await().atMost(Duration.ofSeconds(60)).until(() -> sequences.size() >= expected);
            // then make sure nothing more is coming: a duplicate would show up here
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> sequences.size() == expected);
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return List.copyOf(sequences);
        } finally {
            vertx.close();
        }
    }
}
