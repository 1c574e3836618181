package io.github.linkroute.publisher.spool;

/** The spool cannot be used; the message names the directory and what to do. */
public class SpoolException extends RuntimeException {

    public SpoolException(String message) {
        super(message);
    }

    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
