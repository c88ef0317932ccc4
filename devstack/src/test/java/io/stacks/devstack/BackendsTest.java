package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backends without real stand-ins: no kinds at all, or MySQL as an external server (a fake JDBC driver). */
class BackendsTest {

    @TempDir
    Path dir;

    private final Ports ports = Ports.fromEnvironment(Map.of());

    @BeforeEach
    void forgetConnections() {
        FakeJdbcDriver.reset();
    }

    @Test
    void noKindsStartsNoProcess() {
        try (Backends backends = Backends.start(EnumSet.noneOf(Backends.Kind.class), ports, dir, dir.resolve("logs"),
                null, Map.of())) {
            assertTrue(backends.processes().isEmpty());
            assertTrue(backends.mariaDbServer().isEmpty());
        }
    }

    @Test
    void endpointsFollowThePorts() {
        Ports moved = Ports.fromEnvironment(Map.of("STACKS_DYNAMODB_PORT", "18000", "STACKS_S3_PORT", "19000",
                "STACKS_SMTP_PORT", "13025", "STACKS_MAIL_API_PORT", "18025"));
        try (Backends backends = Backends.start(EnumSet.noneOf(Backends.Kind.class), moved, dir, dir, null, Map.of())) {
            assertEquals("http://127.0.0.1:18000", backends.dynamoDbUrl());
            assertEquals("http://127.0.0.1:19000", backends.s3Url());
            assertEquals(13025, backends.smtpPort());
            assertEquals("http://127.0.0.1:18025", backends.mailApiUrl());
        }
    }

    @Test
    void externalMysqlGetsEveryServiceSchema() {
        try (Backends backends = Backends.start(EnumSet.of(Backends.Kind.MYSQL), ports, dir, dir,
                FakeJdbcDriver.PREFIX + "//db.example:3306/", Map.of())) {
            assertEquals(1, FakeJdbcDriver.CONNECTIONS.size());
            FakeJdbcDriver.Connected connected = FakeJdbcDriver.CONNECTIONS.get(0);
            assertEquals(FakeJdbcDriver.PREFIX + "//db.example:3306/", connected.url());
            assertEquals(List.of(
                    "CREATE DATABASE IF NOT EXISTS `users` CHARACTER SET utf8mb4",
                    "CREATE DATABASE IF NOT EXISTS `catalog` CHARACTER SET utf8mb4",
                    "CREATE DATABASE IF NOT EXISTS `images` CHARACTER SET utf8mb4"), connected.executed());
            assertEquals(List.of("users", "catalog", "images"), Backends.SCHEMAS);
            assertTrue(backends.processes().isEmpty());
        }
    }

    @Test
    void externalMysqlUsesTheCredentialsFromTheEnvironment() {
        try (Backends backends = Backends.start(EnumSet.of(Backends.Kind.MYSQL), ports, dir, dir,
                FakeJdbcDriver.PREFIX + "//db.example/",
                Map.of("STACKS_MYSQL_USER", "stacks", "STACKS_MYSQL_PASSWORD", "s3cret"))) {
            assertEquals("stacks", backends.mysqlUser());
            assertEquals("s3cret", backends.mysqlPassword());
            assertEquals("stacks", FakeJdbcDriver.CONNECTIONS.get(0).user());
            assertEquals("s3cret", FakeJdbcDriver.CONNECTIONS.get(0).password());
        }
    }

    @Test
    void externalMysqlIsRootWithoutPasswordByDefault() {
        try (Backends backends = Backends.start(EnumSet.of(Backends.Kind.MYSQL), ports, dir, dir,
                FakeJdbcDriver.PREFIX + "//db.example/", Map.of())) {
            assertEquals("root", backends.mysqlUser());
            assertEquals("", backends.mysqlPassword());
        }
    }

    @Test
    void externalMysqlUrlGetsATrailingSlashBeforeTheSchema() {
        try (Backends backends = Backends.start(EnumSet.of(Backends.Kind.MYSQL), ports, dir, dir,
                FakeJdbcDriver.PREFIX + "//db.example:3306", Map.of())) {
            assertEquals(FakeJdbcDriver.PREFIX + "//db.example:3306/", backends.mysqlBaseUrl());
            assertEquals(FakeJdbcDriver.PREFIX + "//db.example:3306/catalog", backends.jdbcUrl("catalog"));
        }
    }

    @Test
    void unreachableExternalMysqlFailsNamingTheUrl() {
        StackException error = assertThrows(StackException.class, () -> Backends.start(
                EnumSet.of(Backends.Kind.MYSQL), ports, dir, dir, FakeJdbcDriver.PREFIX + "//down/", Map.of()));
        assertTrue(error.getMessage().startsWith("cannot create schemas at " + FakeJdbcDriver.PREFIX + "//down/"),
                error.getMessage());
        assertTrue(error.getMessage().contains("Connection refused"), error.getMessage());
    }
}
