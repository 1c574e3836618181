/**
 * What happened to the link, kept for people: a bounded, in-memory log of link events fed by the
 * link's {@link io.github.linkroute.publisher.link.LinkObserver} calls and read at {@code GET /status/events}
 * (and by the live page). Repeating failures collapse into one entry with a count.
 */
package io.github.linkroute.publisher.events;
