package io.github.linkroute.publisher.spool;

import java.util.concurrent.CompletableFuture;

/**
 * Message metadata that tells whoever handed a message over when it is taken: on local disk (or, with
 * the spool off, in the buffer), or refused with the reason. REST answers 202 only once it completed.
 */
public final class SpoolReceipt {

    private final CompletableFuture<Void> stored = new CompletableFuture<>();

    public CompletableFuture<Void> stored() {
        return stored;
    }
}
