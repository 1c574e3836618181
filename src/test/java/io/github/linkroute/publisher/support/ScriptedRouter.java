package io.github.linkroute.publisher.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Plays the router frame by frame: a ProtonTestServer on a free loopback port, scripted up to the
 * first sender attach with credit before the service connects. Tests script the rest.
 */
public class ScriptedRouter implements QuarkusTestResourceLifecycleManager {

    /** Retry interval the tests configure; short so that recovery tests stay quick. */
    public static final long RETRY_MS = 400;
    public static final int INITIAL_CREDIT = 100;
    /** Password of the REST write user in tests. */
    public static final String TEST_PASSWORD = "rest-test-password";

    /** The ATTACH the service sent at start-up. */
    public static final List<RouterScript.AttachSeen> INITIAL_ATTACHES = new CopyOnWriteArrayList<>();

    private ProtonTestServer peer;

    @Override
    public Map<String, String> start() {
        peer = new ProtonTestServer();
        INITIAL_ATTACHES.clear();
        RouterScript.connectAndAttach(peer, INITIAL_CREDIT, INITIAL_ATTACHES);
        peer.start();
        return Map.of(
                "publisher.url", "amqp://127.0.0.1:" + peer.getServerURI().getPort(),
                "publisher.emitter-enabled", "false",
                "publisher.connection.reconnect-initial-delay", "200ms",
                "publisher.connection.container-id", "scripted-test",
                "publisher.drain-timeout", "1s",
                "publisher.rest.password", TEST_PASSWORD,
                "mp.messaging.outgoing.publish.redelivery-delay", "50ms");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(peer, new TestInjector.AnnotatedAndMatchesType(RouterPeer.class, ProtonTestServer.class));
    }

    @Override
    public void stop() {
        if (peer != null) {
            peer.close();
        }
    }
}
