package io.github.linkroute.publisher.bench;

import java.util.Map;

import org.junit.jupiter.api.Order;

import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Recovery with the default sender-retry interval (2 s, as the C++ demo). */
@QuarkusTest
@TestProfile(RecoveryDefaultRetryBenchmark.Profile.class)
@Order(4)
class RecoveryDefaultRetryBenchmark extends RecoveryBenchmark {

    public static class Profile extends ScriptedRouterProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.sender-retry-interval", "2s");
        }
    }

    @Override
    String name() {
        return "retry2000ms";
    }
}
