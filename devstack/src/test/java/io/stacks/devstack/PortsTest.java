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
}
