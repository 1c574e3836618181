package io.github.linkroute.publisher.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Holds a chunked request body to the HTTP server's limit ({@code quarkus.http.limits.max-body-size}) while
 * Jakarta REST reads it, so that going over is answered by {@link ErrorMappers} with the JSON reason, not by
 * Quarkus' empty 413 ({@link BodyLimitHandler} hands the check over).
 */
@Provider
public class ChunkedBodyLimit implements ReaderInterceptor {

    private final long limit;

    ChunkedBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH) == null) {
            context.setInputStream(new Counted(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    /** A body that went over the limit while it was read: nothing of it is used. */
    public static final class TooLarge extends RuntimeException {

        TooLarge(long limit) {
            super("chunked body above " + limit + " bytes, too large: the HTTP server takes at most " + limit, null,
                    false, false);
        }
    }

    private static final class Counted extends FilterInputStream {

        private final long limit;
        private long read;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }
    }
}
