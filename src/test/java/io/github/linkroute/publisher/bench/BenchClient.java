package io.github.linkroute.publisher.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/** One client under test (the service's link, plain vertx-proton, the stock connector), as the rounds drive it. */
interface BenchClient extends AutoCloseable {

    String name();

    /** Sends {@code n} messages as fast as the client takes them; completes when every one is ACCEPTED. */
    CompletableFuture<Void> burst(int n);

    /** Hands one message over now, never blocking; {@code accepted} gets {@link System#nanoTime()} at its ACCEPTED, -1 for any other end. */
    void send(LongConsumer accepted);

    @Override
    void close() throws Exception;
}
