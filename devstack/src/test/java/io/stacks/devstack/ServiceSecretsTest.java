package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSecretsTest {

    private static final String FILE = "service-secrets.properties";

    @TempDir
    Path dir;

    @Test
    void givesEveryServiceA32ByteBase64UrlSecret() {
        ServiceSecrets secrets = ServiceSecrets.in(dir);
        for (Service service : Service.values()) {
            String secret = secrets.secretOf(service);
            assertEquals(43, secret.length(), service + ": " + secret);
            assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), service + " is not unpadded base64url: " + secret);
            assertEquals(32, Base64.getUrlDecoder().decode(secret).length, service.toString());
        }
    }

    @Test
    void givesEachServiceASecretOfItsOwn() {
        ServiceSecrets secrets = ServiceSecrets.in(dir);
        Set<String> distinct = new HashSet<>();
        for (Service service : Service.values()) {
            distinct.add(secrets.secretOf(service));
        }
        assertEquals(Service.values().length, distinct.size());
    }

    @Test
    void keepsEachServicesSecretAcrossRuns() {
        ServiceSecrets first = ServiceSecrets.in(dir);
        ServiceSecrets second = ServiceSecrets.in(dir);
        for (Service service : Service.values()) {
            assertEquals(first.secretOf(service), second.secretOf(service), service.toString());
        }
    }

    @Test
    void aNewFolderGetsNewSecrets() {
        ServiceSecrets first = ServiceSecrets.in(dir.resolve("one"));
        ServiceSecrets other = ServiceSecrets.in(dir.resolve("two"));
        for (Service service : Service.values()) {
            assertNotEquals(first.secretOf(service), other.secretOf(service), service.toString());
        }
    }

    @Test
    void createsAFolderThatDoesNotExistYet() {
        Path nested = dir.resolve("a").resolve("b");
        ServiceSecrets.in(nested);
        assertTrue(Files.isRegularFile(nested.resolve(FILE)));
    }

    @Test
    void secretsFileIsReadableByItsOwnerOnly() throws Exception {
        ServiceSecrets.in(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FILE))));
    }

    @Test
    void storesEverySecretUnderItsModuleName() throws Exception {
        ServiceSecrets secrets = ServiceSecrets.in(dir);
        Properties stored = load(dir.resolve(FILE));
        assertEquals(Service.values().length, stored.size());
        for (Service service : Service.values()) {
            assertEquals(secrets.secretOf(service), stored.getProperty(service.module()), service.toString());
        }
    }

    @Test
    void aServiceMissingFromTheFileGetsASecretWithoutChangingTheOthers() throws Exception {
        Properties existing = new Properties();
        existing.setProperty("user-service", "kept-user-secret");
        existing.setProperty("book-service", "kept-book-secret");
        try (Writer out = Files.newBufferedWriter(dir.resolve(FILE))) {
            existing.store(out, null);
        }

        ServiceSecrets secrets = ServiceSecrets.in(dir);

        assertEquals("kept-user-secret", secrets.secretOf(Service.USER));
        assertEquals("kept-book-secret", secrets.secretOf(Service.BOOK));
        for (Service added : List.of(Service.IMAGE, Service.NOTIFICATION, Service.GATEWAY)) {
            assertEquals(43, secrets.secretOf(added).length(), added.toString());
        }
        Properties stored = load(dir.resolve(FILE));
        assertEquals("kept-user-secret", stored.getProperty("user-service"));
        assertEquals("kept-book-secret", stored.getProperty("book-service"));
        assertEquals(secrets.secretOf(Service.GATEWAY), stored.getProperty("gateway"));
        assertEquals(secrets.secretOf(Service.GATEWAY), ServiceSecrets.in(dir).secretOf(Service.GATEWAY));
    }

    @Test
    void clientListNamesEveryServiceButUserServiceWithTheSha256OfItsSecret() throws Exception {
        ServiceSecrets secrets = ServiceSecrets.in(dir);
        List<String> expected = new ArrayList<>();
        for (Service service : Service.values()) {
            if (service != Service.USER) {
                expected.add(service.module() + ":" + sha256Hex(secrets.secretOf(service)));
            }
        }
        assertEquals(String.join(",", expected), secrets.clientList());
        assertTrue(!secrets.clientList().contains("user-service"), secrets.clientList());
    }

    @Test
    void clientListHashesTheSecretsKeptInTheFile() throws Exception {
        Properties existing = new Properties();
        existing.setProperty("book-service", "book-secret");
        try (Writer out = Files.newBufferedWriter(dir.resolve(FILE))) {
            existing.store(out, null);
        }
        String list = ServiceSecrets.in(dir).clientList();
        assertTrue(list.startsWith("book-service:" + sha256Hex("book-secret") + ","), list);
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
