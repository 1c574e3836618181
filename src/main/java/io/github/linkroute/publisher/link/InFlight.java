package io.github.linkroute.publisher.link;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Deliveries sent on the current link and not yet settled, in the order they were sent. */
final class InFlight {

    private final LinkedHashSet<Pending> deliveries = new LinkedHashSet<>();

    void add(Pending pending) {
        deliveries.add(pending);
    }

    /** Removes a settled delivery; false when it was already taken back (its link is gone). */
    boolean settle(Pending pending) {
        return deliveries.remove(pending);
    }

    /** Takes back every unsettled delivery, oldest first: their outcome is lost with the link. */
    List<Pending> takeAll() {
        List<Pending> all = new ArrayList<>(deliveries);
        deliveries.clear();
        return all;
    }

    int size() {
        return deliveries.size();
    }

    List<String> ids(int max) {
        return deliveries.stream().limit(max).map(p -> p.messageId).toList();
    }
}
