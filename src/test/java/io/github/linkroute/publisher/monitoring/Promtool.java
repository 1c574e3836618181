package io.github.linkroute.publisher.monitoring;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus} package: {@code promtool} and {@code prometheus} from {@code PATH} (or
 * {@code PROMETHEUS_BIN}, a folder). Tests that need them are skipped with one line saying how to get
 * them when they are missing; {@code .ci/run} installs them and fails on any skipped test.
 */
final class Promtool {

    private Promtool() {
    }

    static Path binary(String name) {
        Optional<Path> found = find(name);
        assumeTrue(found.isPresent(), name + " not found: install Debian's prometheus package (apt-get install prometheus)"
                + " or set PROMETHEUS_BIN to the folder that holds it");
        return found.get();
    }

    private static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>();
        String bin = System.getenv("PROMETHEUS_BIN");
        if (bin != null) {
            dirs.add(bin);
        }
        dirs.addAll(List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)));
        return dirs.stream().map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    /** Runs promtool with {@code args} in {@code dir}; its exit code and output (both streams). */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary("promtool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + args[0] + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {
    }
}
