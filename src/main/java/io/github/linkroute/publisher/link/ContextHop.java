package io.github.linkroute.publisher.link;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.vertx.core.Context;

/**
 * Brings items from other threads onto the link's context in order, with one hop per batch rather than
 * one per item: a hop is a task on the event loop and often a wake-up, which costs more than the item.
 */
final class ContextHop<T> {

    private final Context context;
    private final Consumer<T> each;
    private final Runnable afterBatch;
    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** On the context: {@code each} for every item, in arrival order, then {@code afterBatch} once. */
    ContextHop(Context context, Consumer<T> each, Runnable afterBatch) {
        this.context = context;
        this.each = each;
        this.afterBatch = afterBatch;
    }

    /** From any thread. */
    void add(T item) {
        items.add(item);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> runBatch());
        }
    }

    private void runBatch() {
        scheduled.set(false);
        T item;
        while ((item = items.poll()) != null) {
            each.accept(item);
        }
        afterBatch.run();
    }
}
