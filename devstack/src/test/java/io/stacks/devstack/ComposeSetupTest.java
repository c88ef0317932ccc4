package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose setup against real DynamoDB Local and S3Proxy stand-ins. */
class ComposeSetupTest {

    @TempDir
    static Path dir;
    private static Backends backends;

    @BeforeAll
    static void start() {
        backends = Backends.start(EnumSet.of(Backends.Kind.DYNAMODB, Backends.Kind.S3), Ports.free(),
                dir.resolve("data"), dir.resolve("logs"), null, Map.of());
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static void runSetup(Path secrets) {
        ComposeSetup.run(secrets, backends.dynamoDbUrl(), backends.s3Url(), Backends.ACCESS_KEY, Backends.SECRET_KEY);
    }

    @Test
    void givesEveryServiceItsOwnClientSecret() throws Exception {
        Path secrets = dir.resolve("every-service");
        runSetup(secrets);
        for (Service service : Service.values()) {
            Properties properties = read(secrets.resolve(service.module() + ".properties"));
            assertEquals(43, properties.getProperty(Service.CLIENT_SECRET_PROPERTY).length(), service.module());
        }
        assertFalse(read(secrets.resolve("gateway.properties")).containsKey(Service.PRIVATE_KEY_PROPERTY));
    }

    @Test
    void givesUserServiceTheSigningKeyAndTheOtherServicesHashes() throws Exception {
        Path secrets = dir.resolve("user-service");
        runSetup(secrets);
        Properties user = read(secrets.resolve("user-service.properties"));
        assertTrue(user.getProperty(Service.PRIVATE_KEY_PROPERTY).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        String clients = user.getProperty(Service.CLIENTS_PROPERTY);
        assertTrue(clients.matches("(\\w[\\w-]*:[0-9a-f]{64},){3}\\w[\\w-]*:[0-9a-f]{64}"), clients);
        assertFalse(clients.contains(read(secrets.resolve("book-service.properties"))
                .getProperty(Service.CLIENT_SECRET_PROPERTY)), "only hashes, never a secret itself");
    }

    @Test
    void keepsTheKeyAndSecretsOfAnEarlierRun() throws Exception {
        Path secrets = dir.resolve("rerun");
        runSetup(secrets);
        Properties first = read(secrets.resolve("user-service.properties"));
        runSetup(secrets);
        assertEquals(first, read(secrets.resolve("user-service.properties")));
    }

    @Test
    void leavesServiceFilesReadableButNotWritable() throws Exception {
        Path secrets = dir.resolve("modes");
        runSetup(secrets);
        assertEquals(PosixFilePermissions.fromString("r--r--r--"),
                Files.getPosixFilePermissions(secrets.resolve("image-service.properties")));
    }

    @Test
    void createsTheDynamoDbTables() throws Exception {
        runSetup(dir.resolve("tables"));
        HttpResponse<String> tables = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(backends.dynamoDbUrl()))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + Backends.ACCESS_KEY + "/20260101/"
                        + Backends.REGION + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(tables.body().contains(DynamoTables.USER_TOKENS) && tables.body().contains(DynamoTables.DELIVERIES),
                tables.body());
    }

    @Test
    void createsABucketAndAcceptsOneThatIsAlreadyThere() {
        S3Buckets.create(backends.s3Url(), "fresh-bucket", Backends.ACCESS_KEY, Backends.SECRET_KEY, Backends.REGION);
        S3Buckets.create(backends.s3Url(), "fresh-bucket", Backends.ACCESS_KEY, Backends.SECRET_KEY, Backends.REGION);
        assertTrue(Files.isDirectory(dir.resolve("data").resolve("s3").resolve("data").resolve("fresh-bucket")));
    }

    @Test
    void signsTheBucketRequestSoAWrongSecretIsRefused() {
        StackException refused = assertThrows(StackException.class, () -> S3Buckets.create(backends.s3Url(),
                "forged-bucket", Backends.ACCESS_KEY, "not-the-secret", Backends.REGION));
        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
    }
}
