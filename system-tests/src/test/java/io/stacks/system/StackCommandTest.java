package io.stacks.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stacks.devstack.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `./stack` as a new user runs it: up, endpoints, logs, reset, a taken port, and nothing left after SIGTERM. */
class StackCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("stacks.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dataDir;

    @Test
    void upStartsEverythingAndSigtermLeavesNoProcessBehind() throws Exception {
        Ports ports = Ports.free();
        Process stack = start(List.of("up"), ports);
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
            awaitLine(lines, output, "Ctrl-C stops everything", Duration.ofMinutes(4));
            Map<?, ?> endpoints = new ObjectMapper().readValue(dataDir.resolve("endpoints.json").toFile(), Map.class);
            for (String key : List.of("gateway", "mailApi", "smtp", "s3", "dynamodb", "mysql", "user-service",
                    "book-service", "image-service", "notification-service")) {
                assertTrue(endpoints.containsKey(key), "endpoints.json lacks " + key + ": " + endpoints);
            }
            String gateway = (String) endpoints.get("gateway");
            assertEquals("http://127.0.0.1:" + ports.get(Ports.Name.GATEWAY), gateway);
            given().baseUri(gateway).get("/").then().statusCode(401);
            given().baseUri(gateway).get("/check-status").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri((String) endpoints.get("mailApi")).get("/api/configuration").then().statusCode(200);
            for (String log : List.of("gateway", "user-service", "book-service", "image-service",
                    "notification-service", "dynamodb", "s3proxy", "greenmail", "mariadb")) {
                assertTrue(Files.size(dataDir.resolve("logs").resolve(log + ".log")) > 0, log + ".log is empty");
            }
            assertTrue(String.join("\n", output).contains("RSS"), "no process table in: " + output);

            List<ProcessHandle> started = stack.descendants().toList();
            assertTrue(started.size() >= 9, "expected stand-ins and services, found " + started.size());
            stack.destroy(); // SIGTERM, as a service manager or Ctrl-C would
            assertTrue(stack.waitFor(60, TimeUnit.SECONDS), "the launcher did not stop");
            for (ProcessHandle process : started) {
                assertTrue(process.onExit().isDone() || !process.isAlive() || waitGone(process),
                        "left behind: " + process.info().commandLine().orElse("pid " + process.pid()));
            }
        } finally {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }

    @Test
    void takenPortStopsUpWithOneLineNamingItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Ports ports = Ports.free();
            Process stack = start(List.of("up"), ports, Ports.Name.GATEWAY.variable(),
                    Integer.toString(taken.getLocalPort()));
            assertTrue(stack.waitFor(120, TimeUnit.SECONDS));
            String output = new String(stack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, stack.exitValue());
            assertTrue(output.contains("stack: port " + taken.getLocalPort()
                    + " (gateway) is taken: set STACKS_HTTP_PORT to a free port"), output);
        }
    }

    @Test
    void resetDeletesTheData() throws Exception {
        Files.createDirectories(dataDir.resolve("mysql"));
        Process reset = start(List.of("reset"), Ports.free());
        assertTrue(reset.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, reset.exitValue());
        assertFalse(Files.exists(dataDir));
    }

    private Process start(List<String> args, Ports ports, String... extraEnvironment) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("stack").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        for (Ports.Name name : Ports.Name.values()) {
            env.put(name.variable(), Integer.toString(ports.get(name)));
        }
        env.put("STACKS_DATA_DIR", dataDir.toString());
        env.remove("STACKS_MYSQL_URL");
        for (int i = 0; i + 1 < extraEnvironment.length; i += 2) {
            env.put(extraEnvironment[i], extraEnvironment[i + 1]);
        }
        return builder.start();
    }

    private static void awaitLine(BufferedReader lines, List<String> output, String wanted, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = lines.readLine()) != null) {
            output.add(line);
            System.out.println("[./stack] " + line);
            if (line.contains(wanted)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("./stack up did not get ready; it printed:\n" + String.join("\n", output));
    }

    private static boolean waitGone(ProcessHandle process) {
        try {
            process.onExit().get(15, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
