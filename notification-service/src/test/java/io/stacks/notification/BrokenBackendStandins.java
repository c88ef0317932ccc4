package io.stacks.notification;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.stacks.devstack.StandinsTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real stand-ins, but with the service pointed at a closed port for one backend ({@code broken} = smtp or
 * dynamodb), so the failure is real and the other backend still answers.
 */
public class BrokenBackendStandins extends StandinsTestResource {

    private String broken;

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("service", "notification-service"));
        broken = initArgs.get("broken");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        int closed = closedPort();
        switch (broken) {
            case "smtp" -> config.put("quarkus.mailer.port", Integer.toString(closed));
            case "dynamodb" -> config.put("quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + closed);
            default -> throw new IllegalArgumentException("unknown backend " + broken);
        }
        return config;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A profile whose only test resource breaks the given backend (the module-wide stand-ins stay out). */
    abstract static class Profile implements QuarkusTestProfile {

        private final String broken;

        Profile(String broken) {
            this.broken = broken;
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BrokenBackendStandins.class, Map.of("broken", broken)));
        }
    }

    public static class SmtpDown extends Profile {
        public SmtpDown() {
            super("smtp");
        }
    }

    /**
     * SMTP down as in {@link SmtpDown}, for a test that brings it back (see {@link TcpRelay}); its own profile, so
     * that no other test shares an application whose mail server comes and goes.
     */
    public static class SmtpDownUntilRelayed extends Profile {
        public SmtpDownUntilRelayed() {
            super("smtp");
        }
    }

    public static class DynamoDbDown extends Profile {
        public DynamoDbDown() {
            super("dynamodb");
        }
    }
}
