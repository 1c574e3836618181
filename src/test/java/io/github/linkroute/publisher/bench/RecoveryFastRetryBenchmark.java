package io.github.linkroute.publisher.bench;

import java.util.Map;

import org.junit.jupiter.api.Order;

import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Recovery with a 100 ms sender-retry interval. */
@QuarkusTest
@TestProfile(RecoveryFastRetryBenchmark.Profile.class)
@Order(5)
class RecoveryFastRetryBenchmark extends RecoveryBenchmark {

    public static class Profile extends ScriptedRouterProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.sender-retry-interval", "100ms");
        }
    }

    @Override
    String name() {
        return "retry100ms";
    }
}
