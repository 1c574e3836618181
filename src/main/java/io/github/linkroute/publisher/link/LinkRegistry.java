package io.github.linkroute.publisher.link;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Where status, health and metrics find the links the connector runs, as read-only views. */
@ApplicationScoped
public class LinkRegistry {

    private final Map<String, OutgoingLink> links = new ConcurrentHashMap<>();

    void register(OutgoingLink link) {
        links.put(link.channel(), link);
    }

    /** The view of the link behind a channel; empty until the channel is wired. */
    public Optional<LinkView> link(String channel) {
        return Optional.ofNullable(links.get(channel)).map(OutgoingLink::view);
    }

    public Collection<LinkView> links() {
        return links.values().stream().map(OutgoingLink::view).toList();
    }

    /** The links themselves, for the connector (and tests in this package) to stop. */
    Optional<OutgoingLink> outgoing(String channel) {
        return Optional.ofNullable(links.get(channel));
    }

    Collection<OutgoingLink> outgoing() {
        return List.copyOf(links.values());
    }
}
