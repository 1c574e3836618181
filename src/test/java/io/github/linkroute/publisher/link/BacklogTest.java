package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** The ordering rule of behaviour 3, without a wire: re-sends first and in their original order, then new messages. */
class BacklogTest {

    @Test
    void resendsGoFirstInOriginalOrderThenNewMessages() {
        Backlog backlog = new Backlog(10);
        InFlight inFlight = new InFlight();
        List<Pending> all = new ArrayList<>();
        for (long order = 1; order <= 6; order++) {
            all.add(pending(order));
        }
        // 1..4 were sent; 2 and 4 came back RELEASED earlier, 1 and 3 were in flight when the link went
        backlog.resend(all.get(3));
        inFlight.add(all.get(0));
        inFlight.add(all.get(2));
        backlog.add(all.get(4));
        backlog.add(all.get(5));
        inFlight.takeAll().forEach(backlog::resend);
        backlog.resend(all.get(1));

        List<Long> order = new ArrayList<>();
        backlog.removeEach(p -> order.add(p.order));
        assertThat(order).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void roomCountsEverythingHeldAndNeverGoesNegative() {
        Backlog backlog = new Backlog(2);
        backlog.add(pending(1));
        assertThat(backlog.room()).isEqualTo(1);
        backlog.add(pending(2));
        backlog.resend(pending(3));
        assertThat(backlog.size()).isEqualTo(3);
        assertThat(backlog.room()).isZero();
        assertThat(backlog.resendCount()).isEqualTo(1);
    }

    @Test
    void aSettledDeliveryIsSettledOnlyOnce() {
        InFlight inFlight = new InFlight();
        Pending p = pending(1);
        inFlight.add(p);
        assertThat(inFlight.settle(p)).isTrue();
        assertThat(inFlight.settle(p)).as("an outcome for a delivery already taken back is ignored").isFalse();
    }

    private static Pending pending(long order) {
        return new Pending(order, Message.of("m" + order), null, "id-" + order, order, 0);
    }
}
