package io.github.linkroute.publisher.dev;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dev mode's embedded broker refuses a port something else holds, with one line naming the port and the
 * keys to change, instead of claiming to listen while the service talks to whatever holds it.
 */
@Timeout(30)
class DevBrokerPortTest {

    @Test
    void aTakenPortStopsDevModeNamingThePortAndTheKey() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            assertThatThrownBy(() -> DevBroker.ensurePortFree(port)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port).hasMessageContaining("dev-broker.port");
        }
    }

    @Test
    void aFreePortIsTaken() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int free = port;
        assertThatCode(() -> DevBroker.ensurePortFree(free)).doesNotThrowAnyException();
    }
}
