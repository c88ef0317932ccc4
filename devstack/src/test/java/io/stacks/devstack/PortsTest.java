package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void usesDefaultsWithoutVariables() {
        Ports ports = Ports.fromEnvironment(Map.of());
        assertEquals(8080, ports.get(Ports.Name.GATEWAY));
        assertEquals(3307, ports.get(Ports.Name.MYSQL));
    }

    @Test
    void environmentOverridesADefault() {
        Ports ports = Ports.fromEnvironment(Map.of("STACKS_HTTP_PORT", "9180", "STACKS_S3_PORT", " 9191 "));
        assertEquals(9180, ports.get(Ports.Name.GATEWAY));
        assertEquals(9191, ports.get(Ports.Name.S3));
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        StackException error = assertThrows(StackException.class,
                () -> Ports.fromEnvironment(Map.of("STACKS_HTTP_PORT", "eighty")));
        assertTrue(error.getMessage().contains("STACKS_HTTP_PORT"), error.getMessage());
    }

    @Test
    void takenPortFailsInOneLineNamingItAndItsVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Ports ports = Ports.fromEnvironment(Map.of("STACKS_HTTP_PORT", Integer.toString(port)));
            StackException error = assertThrows(StackException.class, () -> ports.requireFree(Ports.Name.GATEWAY));
            assertEquals("port " + port + " (gateway) is taken: set STACKS_HTTP_PORT to a free port",
                    error.getMessage());
        }
    }

    @Test
    void freePortsAreDistinct() {
        Ports ports = Ports.free();
        long distinct = java.util.Arrays.stream(Ports.Name.values()).mapToInt(ports::get).distinct().count();
        assertEquals(Ports.Name.values().length, distinct);
    }

    @Test
    void everyNameHasItsDocumentedDefault() {
        Ports ports = Ports.fromEnvironment(Map.of());
        Map<Ports.Name, Integer> defaults = new java.util.EnumMap<>(Ports.Name.class);
        defaults.putAll(Map.of(Ports.Name.GATEWAY, 8080, Ports.Name.USER_SERVICE, 8081, Ports.Name.BOOK_SERVICE, 8082,
                Ports.Name.IMAGE_SERVICE, 8083, Ports.Name.NOTIFICATION_SERVICE, 8084, Ports.Name.MYSQL, 3307,
                Ports.Name.DYNAMODB, 8000, Ports.Name.S3, 9000, Ports.Name.SMTP, 3025, Ports.Name.MAIL_API, 8025));
        for (Ports.Name name : Ports.Name.values()) {
            assertEquals(defaults.get(name), ports.get(name), name.toString());
        }
    }

    @Test
    void everyVariableMovesItsOwnPortOnly() {
        for (Ports.Name moved : Ports.Name.values()) {
            Ports ports = Ports.fromEnvironment(Map.of(moved.variable(), "20001"));
            for (Ports.Name name : Ports.Name.values()) {
                int expected = name == moved ? 20001 : Ports.fromEnvironment(Map.of()).get(name);
                assertEquals(expected, ports.get(name), moved.variable() + " -> " + name);
            }
        }
    }

    @Test
    void variablesAreNamedStacksSomethingPort() {
        java.util.Set<String> variables = new java.util.HashSet<>();
        for (Ports.Name name : Ports.Name.values()) {
            assertTrue(name.variable().matches("STACKS_[A-Z0-9_]+_PORT"), name.variable());
            variables.add(name.variable());
        }
        assertEquals(Ports.Name.values().length, variables.size());
    }

    @Test
    void blankVariableKeepsTheDefault() {
        Ports ports = Ports.fromEnvironment(Map.of("STACKS_HTTP_PORT", "  ", "STACKS_MYSQL_PORT", ""));
        assertEquals(8080, ports.get(Ports.Name.GATEWAY));
        assertEquals(3307, ports.get(Ports.Name.MYSQL));
    }

    @Test
    void notANumberNamesTheVariableAndItsValue() {
        StackException error = assertThrows(StackException.class,
                () -> Ports.fromEnvironment(Map.of("STACKS_SMTP_PORT", "25x")));
        assertEquals("STACKS_SMTP_PORT=25x is not a port number", error.getMessage());
    }

    @Test
    void takenPortOfABackendNamesItAndItsVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Ports ports = Ports.fromEnvironment(Map.of("STACKS_MAIL_API_PORT", Integer.toString(port)));
            StackException error = assertThrows(StackException.class, () -> ports.requireFree(Ports.Name.MAIL_API));
            assertEquals("port " + port + " (mail-api) is taken: set STACKS_MAIL_API_PORT to a free port",
                    error.getMessage());
        }
    }

    @Test
    void takenPortIsOnlyReportedForItsOwnName() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Ports free = Ports.free();
            Ports ports = Ports.fromEnvironment(Map.of("STACKS_MYSQL_PORT", Integer.toString(taken.getLocalPort()),
                    "STACKS_S3_PORT", Integer.toString(free.get(Ports.Name.S3))));
            assertThrows(StackException.class, () -> ports.requireFree(Ports.Name.MYSQL));
            ports.requireFree(Ports.Name.S3);
        }
    }

    @Test
    void requireFreeLeavesAFreePortFree() throws IOException {
        Ports ports = Ports.free();
        ports.requireFree(Ports.Name.GATEWAY);
        ports.requireFree(Ports.Name.GATEWAY);
        try (ServerSocket socket = new ServerSocket(ports.get(Ports.Name.GATEWAY), 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(ports.get(Ports.Name.GATEWAY), socket.getLocalPort());
        }
    }

    @Test
    void freeGivesEveryNameAPortNothingListensOn() {
        Ports ports = Ports.free();
        for (Ports.Name name : Ports.Name.values()) {
            int port = ports.get(name);
            assertTrue(port > 0 && port <= 65535, name + ": " + port);
            ports.requireFree(name);
        }
    }
}
