package io.stacks.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every port the stack listens on: a default, overridden by an environment variable, or a free one for tests. */
public final class Ports {

    /** A port the stack needs, and the variable that overrides its default. */
    public enum Name {
        GATEWAY("STACKS_HTTP_PORT", 8080),
        USER_SERVICE("STACKS_USER_SERVICE_PORT", 8081),
        BOOK_SERVICE("STACKS_BOOK_SERVICE_PORT", 8082),
        IMAGE_SERVICE("STACKS_IMAGE_SERVICE_PORT", 8083),
        NOTIFICATION_SERVICE("STACKS_NOTIFICATION_SERVICE_PORT", 8084),
        MYSQL("STACKS_MYSQL_PORT", 3307),
        DYNAMODB("STACKS_DYNAMODB_PORT", 8000),
        S3("STACKS_S3_PORT", 9000),
        SMTP("STACKS_SMTP_PORT", 3025),
        MAIL_API("STACKS_MAIL_API_PORT", 8025);

        final String variable;
        final int defaultPort;

        Name(String variable, int defaultPort) {
            this.variable = variable;
            this.defaultPort = defaultPort;
        }

        /** The environment variable that moves this port. */
        public String variable() {
            return variable;
        }
    }

    private final Map<Name, Integer> ports = new LinkedHashMap<>();

    private Ports() {
    }

    /** The defaults as the environment overrides them; fails with one line naming a port that is taken. */
    public static Ports fromEnvironment(Map<String, String> env) {
        Ports result = new Ports();
        for (Name name : Name.values()) {
            String value = env.get(name.variable);
            int port;
            try {
                port = value == null || value.isBlank() ? name.defaultPort : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new StackException(name.variable + "=" + value + " is not a port number");
            }
            result.ports.put(name, port);
        }
        return result;
    }

    /** Free ports chosen by the kernel, for tests that must not collide with a running stack. */
    public static Ports free() {
        Ports result = new Ports();
        // Every socket stays open until all are chosen, so that the kernel cannot hand out one port twice.
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (Name name : Name.values()) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                result.ports.put(name, socket.getLocalPort());
            }
        } catch (IOException e) {
            throw new StackException("no free port: " + e.getMessage());
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a listening socket that was never used cannot lose anything
                }
            }
        }
        return result;
    }

    public int get(Name name) {
        return ports.get(name);
    }

    public void requireFree(Name name) {
        int port = get(name);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new StackException("port " + port + " (" + name.name().toLowerCase().replace('_', '-')
                    + ") is taken: set " + name.variable + " to a free port");
        }
    }
}
