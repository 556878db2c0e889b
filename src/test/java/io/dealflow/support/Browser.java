package io.dealflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of src/test/e2e/ with node: playwright-core driving Debian's /usr/bin/chromium (no browser
 * download). The script writes what it saw as JSON; the Java test judges it.
 */
public final class Browser {

    public static final Path OUTPUT = Path.of("target", "e2e");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path PLAYWRIGHT = Path.of("node_modules", "playwright-core", "package.json");
    private static final long TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Browser() {
    }

    /** What the script found (null when it wrote nothing) and its log. */
    public record Run(JsonNode result, String log) {

        /** The log's end, for a failure message. */
        public String tail() {
            return log.length() > 4000 ? "…" + log.substring(log.length() - 4000) : log;
        }
    }

    /** What a browser run lacks here, or null when node, chromium and playwright-core are all there. */
    public static String missingPrerequisites() {
        List<String> absent = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            absent.add(CHROMIUM + " (apt-get install -y chromium)");
        }
        if (!Files.isRegularFile(PLAYWRIGHT)) {
            absent.add("node_modules/playwright-core (npm ci)");
        }
        if (!nodeRuns()) {
            absent.add("node on the PATH");
        }
        return absent.isEmpty() ? null : "The browser tests need " + String.join(", ", absent);
    }

    /** On CI (CI=true) a browser test must run: a missing prerequisite is an error there, a skip elsewhere. */
    public static boolean mustRun() {
        return "true".equals(System.getenv("CI"));
    }

    /** {@code node src/test/e2e/<script> <baseUrl> <result.json> [args...]} with the environment given. */
    public static Run run(String script, String baseUrl, String name, Map<String, String> environment,
                          String... args) throws IOException, InterruptedException {
        Files.createDirectories(OUTPUT);
        Path result = OUTPUT.resolve(name + ".json");
        Path log = OUTPUT.resolve(name + ".log");
        Files.deleteIfExists(result);
        List<String> command = new ArrayList<>(List.of("node", Path.of("src", "test", "e2e", script).toString(),
                baseUrl, result.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("E2E_SCREENSHOTS", OUTPUT.toString());
        Process node = builder.start();
        boolean finished = node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.exists(log) ? Files.readString(log) : "";
        if (!finished) {
            text = "timed out after " + TIMEOUT_SECONDS + " s\n" + text;
        }
        return new Run(Files.exists(result) ? JSON.readTree(result.toFile()) : null, text);
    }

    private static boolean nodeRuns() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            return node.waitFor(20, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
