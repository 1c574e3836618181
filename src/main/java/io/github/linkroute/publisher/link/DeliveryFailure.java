package io.github.linkroute.publisher.link;

/** Why a message was nacked: the peer rejected it, or it could not be delivered within the limits. */
public class DeliveryFailure extends RuntimeException {

    private final Outcome outcome;
    private final transient Condition condition;

    public DeliveryFailure(Outcome outcome, Condition condition, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.condition = condition;
    }

    /** REJECTED, RELEASED, MODIFIED (came back too often) or CLOSED. */
    public Outcome outcome() {
        return outcome;
    }

    public Condition condition() {
        return condition;
    }
}
