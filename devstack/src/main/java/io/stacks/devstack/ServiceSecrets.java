package io.stacks.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Each service's client secret for service tokens (the client-credentials grant at user-service). Made once per
 * local stack (or test run) and kept beside the signing key, never in the repository; in AWS they come from
 * Secrets Manager. user-service is given only their SHA-256.
 */
public final class ServiceSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties secrets = new Properties();

    private ServiceSecrets() {
    }

    public static ServiceSecrets in(Path dir) {
        ServiceSecrets made = new ServiceSecrets();
        Path file = dir.resolve("service-secrets.properties");
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    made.secrets.load(in);
                }
            }
            boolean added = false;
            for (Service service : Service.values()) {
                if (!made.secrets.containsKey(service.module())) {
                    byte[] bytes = new byte[32];
                    RANDOM.nextBytes(bytes);
                    made.secrets.setProperty(service.module(), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
                    added = true;
                }
            }
            if (added) {
                Files.createDirectories(dir);
                try (Writer out = Files.newBufferedWriter(file)) {
                    made.secrets.store(out, "client secrets for service tokens; local only");
                }
                JwtKeys.trySetOwnerOnly(file);
            }
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String secretOf(Service service) {
        return secrets.getProperty(service.module());
    }

    /** user-service's `stacks.auth.clients`: every other service with the SHA-256 of its secret. */
    String clientList() {
        StringBuilder list = new StringBuilder();
        for (Service service : Service.values()) {
            if (service != Service.USER) {
                list.append(list.isEmpty() ? "" : ",").append(service.module()).append(':')
                        .append(sha256Hex(secretOf(service)));
            }
        }
        return list.toString();
    }

    private static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
