package io.github.linkroute.publisher.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.quarkus.logging.Log;

/** "Nothing lost, nothing twice", counted where it counts: in the broker's queue. */
public final class ExactlyOnce {

    private ExactlyOnce() {
    }

    /** Reads the queue back and asserts it holds every {@code sequence} 1..count exactly once. */
    public static void assertEverySequenceOnce(ArtemisBroker broker, String queue, int count) throws Exception {
        List<Long> sequences = QueueReader.readSequences(broker, queue, count);
        Map<Long, Long> copies = sequences.stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        long duplicates = copies.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        List<Long> missing = LongStream.rangeClosed(1, count).filter(s -> !copies.containsKey(s)).boxed().toList();
        Log.infof("%s: %d in the queue, %d missing, %d duplicates", queue, sequences.size(), missing.size(), duplicates);
        assertThat(missing).as("sequences missing from " + queue).isEmpty();
        assertThat(duplicates).as("duplicates in " + queue).isZero();
        assertThat(copies.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
    }
}
