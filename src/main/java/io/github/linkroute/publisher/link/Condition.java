package io.github.linkroute.publisher.link;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.SaslException;

import org.apache.qpid.proton.amqp.transport.ErrorCondition;

import io.netty.channel.ConnectTimeoutException;

/** An AMQP error condition (or, for failures below AMQP, a named stand-in) with its description. */
public record Condition(String name, String description) {

    public static final String NO_ROUTE = "qd:no-route-to-dest";
    public static final String UNAUTHORIZED = "amqp:unauthorized-access";
    public static final String CONNECTION_REFUSED = "io:connection-refused";
    public static final String CONNECT_TIMEOUT = "io:connect-timeout";
    /** The peer accepted the connection but did not answer SASL or OPEN within the open timeout. */
    public static final String OPEN_TIMEOUT = "io:open-timeout";
    public static final String TLS_FAILED = "tls:handshake-failed";
    public static final String SASL_FAILED = "sasl:failed";
    public static final String CONNECTION_LOST = "amqp:connection:forced";
    public static final String ATTACH_TIMEOUT = "attach-timeout";
    public static final String NONE = "none";
    public static final String PRECONDITION_FAILED = "amqp:precondition-failed";
    /** How Qpid Dispatch words a transfer it could not route (router_node.c: "Routing failure: no address present"). */
    static final String ROUTING_FAILURE = "Routing failure";

    /** The condition a peer sent, or {@link #NONE} when it sent a detach or close without one. */
    public static Condition of(ErrorCondition error) {
        if (error == null || error.getCondition() == null) {
            return new Condition(NONE, "no error condition given");
        }
        return new Condition(error.getCondition().toString(),
                error.getDescription() == null ? "" : error.getDescription());
    }

    /**
     * Whether a REJECTED came from the router rather than the broker: Qpid Dispatch rejects a transfer
     * that races the loss of its link route with amqp:precondition-failed "Routing failure: ...". The
     * broker never saw that message, so it is not the broker's verdict and may be sent again.
     */
    public static boolean isRoutingFailure(ErrorCondition error) {
        return error != null && error.getCondition() != null
                && PRECONDITION_FAILED.equals(error.getCondition().toString())
                && error.getDescription() != null && error.getDescription().startsWith(ROUTING_FAILURE);
    }

    /** Names a failure to connect: SASL, TLS and socket failures carry no AMQP condition of their own. */
    public static Condition of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                return new Condition(UNAUTHORIZED, t.getMessage());
            }
            if (t instanceof SaslException) {
                return new Condition(SASL_FAILED, t.getMessage());
            }
            if (t instanceof SSLException) {
                return new Condition(TLS_FAILED, t.getMessage());
            }
            if (t instanceof ConnectTimeoutException || t instanceof TimeoutException) {
                return new Condition(CONNECT_TIMEOUT, t.getMessage());
            }
            if (t instanceof ConnectException) {
                return new Condition(CONNECTION_REFUSED, t.getMessage());
            }
        }
        return new Condition(failure.getClass().getSimpleName(), String.valueOf(failure.getMessage()));
    }

    @Override
    public String toString() {
        return description == null || description.isEmpty() ? name : name + " (" + description + ")";
    }
}
