package io.dealflow.support;

import io.dealflow.DealflowApplication;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One node of the app in a JVM of its own, as {@code java -jar} would run it: for the tests of what only a
 * separate process shows (several nodes on one database, {@code kill -9}, a login answered by another node).
 * It runs the test classpath's main class with the given settings as command-line arguments; its output goes to
 * {@code target/nodes/<name>.log}, which a failing test names.
 */
public final class AppNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private AppNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts a node on {@code port} with PostgreSQL at {@code jdbcUrl} (user and password {@code postgres}, as
     * the embedded server has them); does not wait for it (see {@link #awaitReady}). {@code settings} are more
     * {@code --name=value} arguments, e.g. {@code --dealflow.demo-data=true}.
     */
    public static AppNode start(String name, int port, String jdbcUrl, String... settings) throws IOException {
        Path log = Path.of("target", "nodes", name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Xmn64m", "-XX:ReservedCodeCacheSize=128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classpath(),
                DealflowApplication.class.getName()));
        List<String> defaults = List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--camunda.bpm.job-execution.enabled=true",
                "--dealflow.demo-data=false",
                "--dealflow.public-url=http://localhost:" + port,
                "--logging.level.root=WARN",
                "--logging.level.org.springframework.boot.web.embedded.tomcat=INFO");
        // a setting given twice on the command line is read as both values joined ("false,true"): the test's
        // settings replace the defaults of the same name
        Set<String> given = Arrays.stream(settings).map(AppNode::settingName).collect(Collectors.toSet());
        defaults.stream().filter(setting -> !given.contains(settingName(setting))).forEach(command::add);
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new AppNode(name, port, log, process);
    }

    private static String settingName(String setting) {
        int equals = setting.indexOf('=');
        return equals < 0 ? setting : setting.substring(0, equals);
    }

    /**
     * Surefire runs tests from a manifest-only jar; its real class path is in a property of its own. An empty
     * entry in it would put the working directory on the class path, and the models under bpmn/ twice in the
     * deployment.
     */
    private static String classpath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Waits until the node answers its readiness probe with 200; fails naming its log if it dies or is slow. */
    public AppNode awaitReady(Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node " + name + " exited with " + process.exitValue()
                        + " before it was ready; see " + log.toAbsolutePath());
            }
            if (ready()) {
                return this;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Node " + name + " not ready within " + within + "; see "
                + log.toAbsolutePath());
    }

    private boolean ready() throws InterruptedException {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A port nothing listens on now, for the next node. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** {@code kill -9}: the JVM gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A graceful stop (SIGTERM), as an orchestrator stops a node; forced after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
