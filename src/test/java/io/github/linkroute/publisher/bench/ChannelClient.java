package io.github.linkroute.publisher.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/** A client that is a connector's channel subscriber: the service's own connector or the stock one. */
final class ChannelClient implements BenchClient {

    private final String name;
    private final ChannelFeed feed;
    private final Runnable close;

    ChannelClient(String name, ChannelFeed feed, Runnable close) {
        this.name = name;
        this.feed = feed;
        this.close = close;
        feed.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Void> burst(int n) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(n);
        feed.burst(n, () -> {
            if (left.decrementAndGet() == 0) {
                done.complete(null);
            }
        }, done::completeExceptionally);
        return done;
    }

    @Override
    public void send(LongConsumer accepted) {
        feed.send(() -> accepted.accept(System.nanoTime()), failure -> accepted.accept(-1));
    }

    @Override
    public void close() {
        feed.cancel();
        close.run();
    }
}
