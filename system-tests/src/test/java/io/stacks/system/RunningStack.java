package io.stacks.system;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.stacks.devstack.LocalStack;
import io.stacks.devstack.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole local stack once for the run (free ports, throw-away data) from the packaged services, and
 * points REST Assured at the gateway. Every response is checked: a 5xx anywhere fails the test.
 */
public class RunningStack implements BeforeAllCallback {

    private static LocalStack stack;
    private static Path dataDir;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws IOException {
        if (stack == null) {
            Path root = Path.of(System.getProperty("stacks.root", "..")).toAbsolutePath().normalize();
            dataDir = Files.createTempDirectory("stacks-system-");
            stack = LocalStack.start(root, dataDir, Ports.free(), Map.of(), line -> System.out.println("[stack] " + line));
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(RunningStack.class, (ExtensionContext.Store.CloseableResource) () -> {
                        stack.close();
                        deleteQuietly(dataDir);
                    });
            RestAssured.baseURI = stack.endpoints().get("gateway");
            RestAssured.port = -1;
            RestAssured.filters(noServerErrors());
        }
    }

    static String endpoint(String name) {
        return stack.endpoints().get(name);
    }

    /** The running stack itself, for tests that stop and start its services. */
    static LocalStack stack() {
        return stack;
    }

    /** Where the stand-ins keep their data (S3Proxy's objects under s3/data/BUCKET). */
    static Path dataDir() {
        return dataDir;
    }

    private static Filter noServerErrors() {
        return (request, response, ctx) -> {
            io.restassured.response.Response answer = ctx.next(request, response);
            if (answer.statusCode() >= 500 && answer.statusCode() != 503) {
                throw new AssertionError(request.getMethod() + " " + request.getURI() + " answered "
                        + answer.statusCode() + ": " + answer.asString());
            }
            return answer;
        };
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
