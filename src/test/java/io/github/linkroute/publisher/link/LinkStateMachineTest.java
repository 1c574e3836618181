package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.link.LinkState.ATTACHED;
import static io.github.linkroute.publisher.link.LinkState.ATTACHING;
import static io.github.linkroute.publisher.link.LinkState.CLOSED;
import static io.github.linkroute.publisher.link.LinkState.DETACHED;
import static io.github.linkroute.publisher.link.LinkState.DISCONNECTED;
import static io.github.linkroute.publisher.link.LinkState.NO_ROUTE;
import static io.github.linkroute.publisher.link.LinkStateMachine.next;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkStateMachine.Event;

/** The transition table, without a wire: the paths of an outage, a lost connection and a shutdown. */
@Timeout(10)
class LinkStateMachineTest {

    @Test
    void anOutageBehindTheRouterGoesThroughNoRouteBackToAttached() {
        LinkState s = next(DISCONNECTED, Event.ATTACH_SENT);
        assertThat(s).isEqualTo(ATTACHING);
        s = next(s, Event.ATTACHED);
        assertThat(s).isEqualTo(ATTACHED);
        s = next(s, Event.DETACHED);
        assertThat(s).as("routed-link-lost").isEqualTo(DETACHED);
        s = next(s, Event.ATTACH_SENT);
        assertThat(s).isEqualTo(ATTACHING);
        s = next(s, Event.NO_ROUTE);
        assertThat(s).isEqualTo(NO_ROUTE);
        assertThat(next(s, Event.ATTACH_SENT)).as("still no route while the next attach is out").isEqualTo(NO_ROUTE);
        assertThat(next(s, Event.ATTACHED)).isEqualTo(ATTACHED);
        assertThat(next(ATTACHING, Event.ATTACH_TIMED_OUT)).isEqualTo(DETACHED);
    }

    @Test
    void connectionLossAndShutdownReachEveryLiveState() {
        for (LinkState s : new LinkState[] {DISCONNECTED, ATTACHING, ATTACHED, NO_ROUTE, DETACHED}) {
            assertThat(next(s, Event.CONNECTION_LOST)).isEqualTo(DISCONNECTED);
            assertThat(next(s, Event.CONNECT_FAILED)).isEqualTo(DISCONNECTED);
            assertThat(next(s, Event.GAVE_UP)).isEqualTo(CLOSED);
            assertThat(next(s, Event.STOPPED)).isEqualTo(CLOSED);
        }
    }

    @Test
    void closedIsFinalAndImpossibleEventsChangeNothing() {
        for (Event e : Event.values()) {
            assertThat(next(CLOSED, e)).isEqualTo(CLOSED);
        }
        assertThat(next(ATTACHED, Event.ATTACH_SENT)).isEqualTo(ATTACHED);
        assertThat(next(DISCONNECTED, Event.ATTACHED)).isEqualTo(DISCONNECTED);
    }

    @Test
    void firingMovesTheStatsReadersSee() {
        LinkStats stats = new LinkStats("c", "a", 1, java.time.Duration.ofSeconds(5));
        LinkStateMachine machine = new LinkStateMachine(stats);
        machine.fire(Event.ATTACH_SENT);
        machine.fire(Event.ATTACHED);
        assertThat(stats.status().state()).isEqualTo(ATTACHED);
        machine.fire(Event.NO_ROUTE);
        assertThat(stats.status().state()).isEqualTo(NO_ROUTE);
    }
}
