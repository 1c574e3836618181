package io.github.linkroute.publisher.link;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Where status, health and metrics find the links the connector runs (they only read them). */
@ApplicationScoped
public class LinkRegistry {

    private final Map<String, OutgoingLink> links = new ConcurrentHashMap<>();

    void register(OutgoingLink link) {
        links.put(link.channel(), link);
    }

    /** The link behind a channel; empty until the channel is wired. */
    public Optional<OutgoingLink> link(String channel) {
        return Optional.ofNullable(links.get(channel));
    }

    public Collection<OutgoingLink> links() {
        return List.copyOf(links.values());
    }
}
