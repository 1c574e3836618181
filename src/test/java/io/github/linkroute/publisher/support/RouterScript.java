package io.github.linkroute.publisher.support;

import java.util.List;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;

/** Router behaviour measured on Qpid Dispatch 1.19, as ProtonTestServer scripts. */
public final class RouterScript {

    public static final String ADDRESS = "link1.test";
    public static final String ROUTED_LINK_LOST = "qd:routed-link-lost";
    public static final String LOST_DESCRIPTION = "Connectivity to the peer container was lost";
    public static final String NO_ROUTE = "qd:no-route-to-dest";
    public static final String NO_ROUTE_DESCRIPTION = "No route to the destination node";
    /** The router's own REJECTED for a transfer that raced the loss of the link route (amqp:precondition-failed). */
    public static final String ROUTING_FAILURE_DESCRIPTION = "Routing failure: no address present";

    private RouterScript() {
    }

    /** SASL ANONYMOUS, OPEN, BEGIN, then a sender ATTACH to the address (queue capability) answered with credit. */
    public static void connectAndAttach(ProtonTestServer peer, int credit, List<AttachSeen> seen) {
        peer.expectSASLAnonymousConnect();
        peer.expectOpen().respond();
        peer.expectBegin().respond();
        expectAttachWithCredit(peer, credit, seen);
    }

    /** A sender ATTACH answered by the broker behind the router: attach with target, then credit. */
    public static void expectAttachWithCredit(ProtonTestServer peer, int credit, List<AttachSeen> seen) {
        peer.expectAttach().ofSender()
                .withTarget().withAddress(ADDRESS).withCapabilities("queue").also()
                .withCapture(attach -> seen.add(new AttachSeen(attach.getName(), System.nanoTime())))
                .respond();
        peer.remoteFlow().withLinkCredit(credit).queue();
    }

    /** The router with no broker behind it: ATTACH without target, then DETACH qd:no-route-to-dest. */
    public static void expectRefusedAttach(ProtonTestServer peer, List<AttachSeen> seen) {
        peer.expectAttach().ofSender()
                .withCapture(attach -> seen.add(new AttachSeen(attach.getName(), System.nanoTime())))
                .reject(true, NO_ROUTE, NO_ROUTE_DESCRIPTION);
        peer.expectDetach().withClosed(true);
    }

    /** The broker dies: the router detaches the link and keeps the connection; the client closes its end. */
    public static void detachRoutedLinkLost(ProtonTestServer peer) {
        peer.remoteDetach().withClosed(true).withErrorCondition(ROUTED_LINK_LOST, LOST_DESCRIPTION).now();
    }

    /** What a clean shutdown puts on the wire: the sender detached, then the connection closed. */
    public static void expectShutdown(ProtonTestServer peer) {
        peer.expectDetach().withClosed(true).respond();
        peer.expectClose().respond();
    }

    /** An ATTACH the peer saw: the link name and when. */
    public record AttachSeen(String name, long nanoTime) {
    }
}
