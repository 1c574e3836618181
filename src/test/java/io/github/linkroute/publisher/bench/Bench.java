package io.github.linkroute.publisher.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's knobs, from system properties: {@code -Dbench.quick=true} runs 1 round with fewer
 * messages and shorter windows (for development); every figure's own property overrides either mode.
 */
final class Bench {

    static final boolean QUICK = Boolean.getBoolean("bench.quick");
    /** Rounds of every interleaved figure (A B C A B C ...). */
    static final int ROUNDS = Integer.getInteger("bench.rounds", QUICK ? 1 : 5);
    static final String BODY = "x".repeat(100);

    private Bench() {
    }

    static int count(String property, int full, int quick) {
        return Integer.getInteger(property, QUICK ? quick : full);
    }

    /** A duration such as {@code 30s} or {@code 500ms}. */
    static Duration duration(String property, String full, String quick) {
        String value = System.getProperty(property, QUICK ? quick : full).trim().toLowerCase();
        return value.endsWith("ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                : Duration.parse("PT" + value.toUpperCase());
    }

    /** CPU time of this whole JVM (every thread, GC and JIT included), in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One burst: msgs/s and CPU-seconds per 100,000 messages; a GC first so that no round pays for another's garbage. */
    static double[] measure(BenchClient client, int messages) throws Exception {
        System.gc();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        client.burst(messages).get(5, TimeUnit.MINUTES);
        long end = System.nanoTime();
        long cpu = processCpuNanos() - cpuBefore;
        return new double[] { messages / ((end - start) / 1e9), cpu / 1e9 * 100_000 / messages };
    }
}
