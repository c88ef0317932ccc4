package io.stacks.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the real stand-ins a service needs (on free ports, with throw-away data) before its tests, and points
 * the service at them. Use with {@code @QuarkusTestResource(value = StandinsTestResource.class,
 * initArgs = @ResourceArg(name = "service", value = "book-service"))}.
 */
public class StandinsTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile JwtKeys keys;
    private static volatile ServiceSecrets secrets;
    private static volatile Backends backends;
    private Path dataDir;
    private Service service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = Service.ofModule(initArgs.get("service"));
    }

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("stacks-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Ports ports = Ports.free();
        keys = JwtKeys.in(dataDir.resolve("keys"));
        secrets = ServiceSecrets.in(dataDir.resolve("keys"));
        backends = Backends.start(service.backends(), ports, dataDir, Path.of("target", "standins-logs"),
                System.getenv("STACKS_MYSQL_URL"), System.getenv());
        return service.config(backends, ports, keys, secrets, keys.publicKeyFile().toUri().toString());
    }

    @Override
    public void stop() {
        if (backends != null) {
            backends.close();
            backends = null;
        }
        deleteQuietly(dataDir);
    }

    /** The running stand-ins, for tests that look behind the service (mail inbox, stored objects, tables). */
    public static Backends backends() {
        return backends;
    }

    static JwtKeys keys() {
        return keys;
    }

    /** This run's client secrets, for tests that authenticate as a service. */
    public static ServiceSecrets secrets() {
        return secrets;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
