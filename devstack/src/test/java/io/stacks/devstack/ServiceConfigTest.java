package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service.config against Backends that start no process: MySQL is an "external" server behind a fake JDBC
 * driver, and the DynamoDB, S3 and SMTP endpoints are derived from the ports alone.
 */
class ServiceConfigTest {

    private static final String JWKS = "http://127.0.0.1:8081/.well-known/jwks.json";
    private static final String MYSQL_URL = FakeJdbcDriver.PREFIX + "//db.example:3306/";

    @TempDir
    static Path dir;

    private static Ports ports;
    private static JwtKeys keys;
    private static ServiceSecrets secrets;
    private static Backends backends;

    @BeforeAll
    static void startBackends() {
        ports = Ports.fromEnvironment(Map.of("STACKS_HTTP_PORT", "18080", "STACKS_USER_SERVICE_PORT", "18081",
                "STACKS_BOOK_SERVICE_PORT", "18082", "STACKS_IMAGE_SERVICE_PORT", "18083",
                "STACKS_NOTIFICATION_SERVICE_PORT", "18084", "STACKS_DYNAMODB_PORT", "18000", "STACKS_S3_PORT",
                "19000", "STACKS_SMTP_PORT", "13025"));
        keys = JwtKeys.in(dir.resolve("keys"));
        secrets = ServiceSecrets.in(dir.resolve("keys"));
        FakeJdbcDriver.reset();
        backends = Backends.start(EnumSet.of(Backends.Kind.MYSQL), ports, dir, dir.resolve("logs"), MYSQL_URL,
                Map.of("STACKS_MYSQL_USER", "stacks", "STACKS_MYSQL_PASSWORD", "dbpass"));
    }

    @AfterAll
    static void stopBackends() {
        if (backends != null) {
            backends.close();
        }
    }

    private static Map<String, String> config(Service service) {
        return service.config(backends, ports, keys, secrets, JWKS);
    }

    @Test
    void everyServiceListensOnItsOwnPortOnLoopback() {
        Map<Service, Integer> expected = Map.of(Service.GATEWAY, 18080, Service.USER, 18081, Service.BOOK, 18082,
                Service.IMAGE, 18083, Service.NOTIFICATION, 18084);
        for (Service service : Service.values()) {
            Map<String, String> config = config(service);
            assertEquals(Integer.toString(expected.get(service)), config.get("quarkus.http.port"), service.toString());
            assertEquals("127.0.0.1", config.get("quarkus.http.host"), service.toString());
        }
    }

    @Test
    void everyServiceKnowsEveryPeersUrl() {
        for (Service service : Service.values()) {
            Map<String, String> config = config(service);
            for (Service peer : Service.values()) {
                assertEquals("http://127.0.0.1:" + ports.get(peer.port()),
                        config.get("quarkus.rest-client." + peer.module() + ".url"), service + " -> " + peer);
            }
        }
    }

    @Test
    void everyServiceVerifiesTokensWithTheGivenKeyLocation() {
        for (Service service : Service.values()) {
            assertEquals(JWKS, config(service).get("mp.jwt.verify.publickey.location"), service.toString());
        }
    }

    @Test
    void everyServiceKnowsThePublicUrlIsTheGateways() {
        for (Service service : Service.values()) {
            assertEquals("http://127.0.0.1:18080", config(service).get("stacks.public-url"), service.toString());
        }
    }

    @Test
    void everyServiceGetsItsOwnClientSecret() {
        for (Service service : Service.values()) {
            assertEquals(secrets.secretOf(service), config(service).get("stacks.auth.client-secret"),
                    service.toString());
        }
    }

    @Test
    void userServiceGetsTheSigningKeyAndTheClientList() {
        Map<String, String> config = config(Service.USER);
        assertEquals(keys.privateKeyPem(), config.get("stacks.jwt.private-key"));
        assertTrue(config.get("stacks.jwt.private-key").startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(secrets.clientList(), config.get("stacks.auth.clients"));
    }

    @Test
    void noOtherServiceGetsTheSigningKeyOrTheClientList() {
        for (Service service : Service.values()) {
            if (service != Service.USER) {
                Map<String, String> config = config(service);
                assertFalse(config.containsKey("stacks.jwt.private-key"), service.toString());
                assertFalse(config.containsKey("stacks.auth.clients"), service.toString());
                assertFalse(config.containsValue(keys.privateKeyPem()), service.toString());
            }
        }
    }

    @Test
    void secretPropertiesAreTheSigningKeyAndTheClientSecret() {
        assertEquals(Set.of("stacks.jwt.private-key", "stacks.auth.client-secret"), Service.SECRET_PROPERTIES);
        assertEquals(Set.of(Service.PRIVATE_KEY_PROPERTY, Service.CLIENT_SECRET_PROPERTY), Service.SECRET_PROPERTIES);
    }

    @Test
    void mysqlServicesUseTheirOwnSchema() {
        Map<Service, String> schemas = Map.of(Service.USER, "users", Service.BOOK, "catalog", Service.IMAGE, "images");
        schemas.forEach((service, schema) -> {
            Map<String, String> config = config(service);
            assertEquals(MYSQL_URL + schema, config.get("quarkus.datasource.jdbc.url"), service.toString());
            assertEquals("stacks", config.get("quarkus.datasource.username"), service.toString());
            assertEquals("dbpass", config.get("quarkus.datasource.password"), service.toString());
        });
    }

    @Test
    void servicesWithoutMysqlGetNoDatasource() {
        for (Service service : EnumSet.of(Service.NOTIFICATION, Service.GATEWAY)) {
            Map<String, String> config = config(service);
            assertTrue(config.keySet().stream().noneMatch(key -> key.startsWith("quarkus.datasource.")),
                    service + ": " + config.keySet());
        }
    }

    @Test
    void dynamoDbServicesGetTheLocalEndpointAndStaticCredentials() {
        for (Service service : EnumSet.of(Service.USER, Service.NOTIFICATION)) {
            Map<String, String> config = config(service);
            assertEquals("http://127.0.0.1:18000", config.get("quarkus.dynamodb.endpoint-override"), service.toString());
            assertEquals(Backends.REGION, config.get("quarkus.dynamodb.aws.region"));
            assertEquals("static", config.get("quarkus.dynamodb.aws.credentials.type"));
            assertEquals(Backends.ACCESS_KEY,
                    config.get("quarkus.dynamodb.aws.credentials.static-provider.access-key-id"));
            assertEquals(Backends.SECRET_KEY,
                    config.get("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key"));
        }
        for (Service service : EnumSet.of(Service.BOOK, Service.IMAGE, Service.GATEWAY)) {
            assertFalse(config(service).containsKey("quarkus.dynamodb.endpoint-override"), service.toString());
        }
    }

    @Test
    void imageServiceStoresInTheLocalBucketWithPathStyleAccess() {
        Map<String, String> config = config(Service.IMAGE);
        assertEquals("http://127.0.0.1:19000", config.get("quarkus.s3.endpoint-override"));
        assertEquals("true", config.get("quarkus.s3.path-style-access"));
        assertEquals("stacks-images", config.get("stacks.images.bucket"));
        assertEquals(Backends.ACCESS_KEY, config.get("quarkus.s3.aws.credentials.static-provider.access-key-id"));
        for (Service service : EnumSet.complementOf(EnumSet.of(Service.IMAGE))) {
            assertFalse(config(service).containsKey("quarkus.s3.endpoint-override"), service.toString());
        }
    }

    @Test
    void notificationServiceMailsThroughTheLocalSmtpServer() {
        Map<String, String> config = config(Service.NOTIFICATION);
        assertEquals("127.0.0.1", config.get("quarkus.mailer.host"));
        assertEquals("13025", config.get("quarkus.mailer.port"));
        for (Service service : EnumSet.complementOf(EnumSet.of(Service.NOTIFICATION))) {
            assertFalse(config(service).containsKey("quarkus.mailer.host"), service.toString());
        }
    }

    @Test
    void gatewayNeedsNoBackends() {
        assertTrue(Service.GATEWAY.backends().isEmpty());
    }

    @Test
    void eachServiceIsFoundByItsModuleName() {
        for (Service service : Service.values()) {
            assertEquals(service, Service.ofModule(service.module()));
        }
        assertThrows(IllegalArgumentException.class, () -> Service.ofModule("billing-service"));
    }
}
