package io.github.linkroute.publisher.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.linkroute.publisher.messaging.Channels;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;

/** Reads a queue back from the broker: the only place where "nothing lost, nothing twice" can be counted. */
public final class QueueReader {

    private QueueReader() {
    }

    /** Consumes the queue until it holds {@code expected} messages and stays quiet; returns every {@code sequence}. */
    public static List<Long> readSequences(ArtemisBroker broker, String queue, int expected) throws Exception {
        return read(broker, queue, expected, message -> message.applicationProperties().getLong(Channels.SEQUENCE_PROPERTY));
    }

    /** Consumes the queue like {@link #readSequences} and returns the message bodies. */
    public static List<String> readBodies(ArtemisBroker broker, String queue, int expected) throws Exception {
        return read(broker, queue, expected, AmqpMessage::bodyAsString);
    }

    /** Consumes the queue like {@link #readSequences} and returns the messages. */
    public static List<AmqpMessage> readMessages(ArtemisBroker broker, String queue, int expected) throws Exception {
        return read(broker, queue, expected, message -> message);
    }

    private static <T> List<T> read(ArtemisBroker broker, String queue, int expected, Function<AmqpMessage, T> field)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                    .setHost("127.0.0.1").setPort(broker.amqpPort())
                    .setUsername(ArtemisBroker.USER).setPassword(ArtemisBroker.PASSWORD));
            AmqpConnection connection = client.connect().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<T> sequences = new CopyOnWriteArrayList<>();
            connection.createReceiver(queue, new AmqpReceiverOptions().addCapability("queue"))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .handler(message -> sequences.add(field.apply(message)));
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
