package io.github.linkroute.publisher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording (the JDK's "profile" settings) of one piece of work in this JVM, written to
 * target/bench/&lt;name&gt;.jfr; its execution samples counted by top frame, and by the innermost frame
 * of the service's code (the benchmark's driver left out), into the results' {@code profile} section.
 */
final class JfrProfile {

    static final String PROJECT = "io.github.linkroute.publisher.";
    /** The benchmark's own driver is not the service. */
    static final String BENCH = PROJECT + "bench.";
    private static final int TOP = 10;

    interface Work {
        void run() throws Exception;
    }

    private JfrProfile() {
    }

    static void of(String name, Work work) throws Exception {
        Path file = Files.createDirectories(Path.of("target", "bench")).resolve(name + ".jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> project = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            top.merge(frame(frames.get(0)), 1, Integer::sum);
            frames.stream().map(f -> f.getMethod().getType().getName())
                    .filter(type -> type.startsWith(PROJECT) && !type.startsWith(BENCH)).findFirst()
                    .flatMap(type -> frames.stream().filter(f -> f.getMethod().getType().getName().equals(type)).findFirst())
                    .ifPresent(f -> project.merge(frame(f), 1, Integer::sum));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", file.toString());
        result.put("samples", samples);
        result.put("topFrames", ranked(top, samples));
        result.put("topProjectFrames", ranked(project, samples));
        BenchResults.put("profile", result);
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<String> ranked(Map<String, Integer> counts, int samples) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .map(e -> String.format("%5.1f%%  %5d  %s", 100.0 * e.getValue() / samples, e.getValue(), e.getKey()))
                .toList();
    }
}
