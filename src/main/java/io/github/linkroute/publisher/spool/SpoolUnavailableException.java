package io.github.linkroute.publisher.spool;

/** The spool's directory cannot be created or written: the service runs on but takes no message. */
public class SpoolUnavailableException extends SpoolException {

    public SpoolUnavailableException(String message) {
        super(message);
    }

    public SpoolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
