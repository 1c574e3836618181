package io.github.linkroute.publisher.link;

import java.util.List;

/** All observers as one: the link calls a single object whatever is installed. */
record LinkObservers(List<LinkObserver> all) implements LinkObserver {

    @Override
    public void settled(String channel, Outcome outcome, String condition, long nanos) {
        all.forEach(o -> o.settled(channel, outcome, condition, nanos));
    }

    @Override
    public void linkLost(String channel, String condition) {
        all.forEach(o -> o.linkLost(channel, condition));
    }

    @Override
    public void attachRefused(String channel, String condition) {
        all.forEach(o -> o.attachRefused(channel, condition));
    }

    @Override
    public void reattached(String channel, String condition) {
        all.forEach(o -> o.reattached(channel, condition));
    }

    @Override
    public void reconnected(String channel, String condition) {
        all.forEach(o -> o.reconnected(channel, condition));
    }
}
