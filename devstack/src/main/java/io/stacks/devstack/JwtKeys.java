package io.stacks.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key user-service signs access tokens with. Made once per local stack (or per test run) and kept in
 * the data folder, never in the repository; in AWS it comes from Secrets Manager.
 */
public final class JwtKeys {

    private final Path privatePem;
    private final Path publicPem;

    private JwtKeys(Path dir) {
        this.privatePem = dir.resolve("jwt-private.pem");
        this.publicPem = dir.resolve("jwt-public.pem");
    }

    public static JwtKeys in(Path dir) {
        JwtKeys keys = new JwtKeys(dir);
        try {
            if (!Files.exists(keys.privatePem) || !Files.exists(keys.publicPem)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(keys.privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                trySetOwnerOnly(keys.privatePem);
                Files.writeString(keys.publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String privateKeyPem() {
        return read(privatePem);
    }

    public Path publicKeyFile() {
        return publicPem;
    }

    PrivateKey privateKey() {
        try {
            String body = privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }


    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: leave the default permissions
        }
    }
}
