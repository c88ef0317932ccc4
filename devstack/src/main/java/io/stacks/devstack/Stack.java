package io.stacks.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** `./stack up`: starts the platform, prints where everything runs, and stops it all on Ctrl-C or SIGTERM. */
public final class Stack {

    private Stack() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        String dataDirVariable = System.getenv("STACKS_DATA_DIR");
        Path dataDir = dataDirVariable == null || dataDirVariable.isBlank() ? root.resolve(".stack")
                : Path.of(dataDirVariable).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            claim(dataDir.resolve("stack.pid"));
            stopLeftovers(dataDir.resolve("pids"));
            long started = System.nanoTime();
            LocalStack stack = LocalStack.start(root, dataDir, Ports.fromEnvironment(System.getenv()), System.getenv(),
                    line -> System.out.println("  " + line));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("\nstopping the stack ...");
                stack.close();
                try {
                    Files.deleteIfExists(dataDir.resolve("stack.pid"));
                } catch (IOException e) {
                    // a stale pid file is recognised as such by the next start
                }
                System.out.println("stopped");
                stopped.countDown();
            }));
            recordPids(dataDir.resolve("pids"));
            Files.writeString(dataDir.resolve("endpoints.json"), json(stack.endpoints()));
            System.out.printf("%nStacks is up in %.1f s%n%n", (System.nanoTime() - started) / 1e9);
            printTable(stack, dataDir);
            stopped.await();
        } catch (StackException e) {
            System.err.println("stack: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void printTable(LocalStack stack, Path dataDir) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "PROCESS", "URL", "PID", "RSS" });
        rows.addAll(stack.processTable());
        for (String[] row : rows) {
            System.out.printf("  %-22s %-30s %-8s %s%n", (Object[]) row);
        }
        Map<String, String> endpoints = stack.endpoints();
        System.out.println();
        System.out.println("  API (gateway)   " + endpoints.get("gateway"));
        System.out.println("  mail inbox      " + endpoints.get("mailApi") + "/api/user/{email}/messages/INBOX");
        System.out.println("  logs            " + stack.logDir());
        System.out.println("  endpoints       " + dataDir.resolve("endpoints.json"));
        System.out.println("\nCtrl-C stops everything.");
    }

    /** One stack per data folder: a second `up` would fight the first over ports and files. */
    private static void claim(Path pidFile) throws IOException {
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            boolean running = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .flatMap(p -> p.info().commandLine()).map(c -> c.contains(Stack.class.getName())).orElse(false);
            if (running) {
                throw new StackException("a stack is already running from this folder (pid " + pid + ")");
            }
        }
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    }

    /** A launcher killed with SIGKILL cannot stop its children; the next `up` does, by their recorded pids. */
    private static void stopLeftovers(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        for (String line : Files.readAllLines(pidFile)) {
            String[] parts = line.split(" ");
            ProcessHandle.of(Long.parseLong(parts[0]))
                    .filter(p -> p.info().startInstant().map(Instant::toEpochMilli)
                            .map(ms -> Long.toString(ms).equals(parts[1])).orElse(false))
                    .ifPresent(p -> {
                        System.out.println("  stopping a leftover process " + p.pid());
                        p.destroy();
                    });
        }
        Files.delete(pidFile);
    }

    private static void recordPids(Path pidFile) throws IOException {
        String lines = ProcessHandle.current().descendants()
                .map(p -> p.pid() + " " + p.info().startInstant().map(Instant::toEpochMilli).orElse(0L))
                .collect(Collectors.joining("\n"));
        Files.writeString(pidFile, lines + "\n");
    }

    private static String json(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": \"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
    }
}
