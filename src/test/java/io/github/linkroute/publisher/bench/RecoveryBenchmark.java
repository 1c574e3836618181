package io.github.linkroute.publisher.bench;

import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;


import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouterTest;

/**
 * Recovery after a link loss, against the scripted router (a real router cannot run here): one
 * delivery unsettled, qd:routed-link-lost, one qd:no-route-to-dest refusal (after which the route is
 * available), then an attach with credit. Measured on the client's clock, one per round: from the
 * credited attach to the re-sent delivery's ACCEPTED, and from route-available to ACCEPTED.
 */
abstract class RecoveryBenchmark extends ScriptedRouterTest {

    static final int ITERATIONS = Bench.ROUNDS;

    abstract String name();

    @Test
    void recovery() throws Exception {
        awaitAttached();
        List<Double> attachToAccepted = new ArrayList<>();
        List<Double> routeToAccepted = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            peer.expectTransfer();
            Published inFlight = publisher.publish("in flight " + i, Map.of()).orElseThrow();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            List<RouterScript.AttachSeen> refused = new CopyOnWriteArrayList<>();
            List<RouterScript.AttachSeen> credited = new CopyOnWriteArrayList<>();
            long[] acceptedAt = new long[1];
            peer.expectDetach().withClosed(true);
            RouterScript.expectRefusedAttach(peer, refused);
            RouterScript.expectAttachWithCredit(peer, 10, credited);
            peer.expectTransfer().withPayload(new TypeSafeMatcher<ByteBuffer>() {
                @Override
                protected boolean matchesSafely(ByteBuffer item) {
                    return true;
                }

                @Override
                public void describeTo(Description description) {
                    description.appendText("the re-sent message");
                }
            }).accept();
            inFlight.outcome().thenRun(() -> acceptedAt[0] = System.nanoTime());
            RouterScript.detachRoutedLinkLost(peer);
            peer.waitForScriptToComplete(30, TimeUnit.SECONDS);
            await().until(() -> acceptedAt[0] != 0);
            attachToAccepted.add((acceptedAt[0] - credited.get(0).nanoTime()) / 1e6);
            routeToAccepted.add((acceptedAt[0] - refused.get(0).nanoTime()) / 1e6);
        }
        BenchResults.figure("recovery.creditedAttachToAccepted." + name(), "ms", attachToAccepted);
        BenchResults.figure("recovery.routeAvailableToAccepted." + name(), "ms", routeToAccepted);
        RouterScript.expectShutdown(peer);
    }
}
