package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeysTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheSameKeyBetweenRuns() {
        String first = JwtKeys.in(dir).privateKeyPem();
        assertEquals(first, JwtKeys.in(dir).privateKeyPem());
    }

    @Test
    void privateKeyIsReadableByItsOwnerOnly() throws Exception {
        JwtKeys.in(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("jwt-private.pem"))));
    }

    @Test
    void testTokensVerifyWithThePublicKey() throws Exception {
        JwtKeys keys = JwtKeys.in(dir);
        String token = TestTokens.mint(keys, "id-1", "a@example.com", TestTokens.API_AUDIENCE, Instant.now().plusSeconds(60), "member");
        String[] parts = token.split("\\.");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey(keys.publicKeyFile()));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(signature.verify(Base64.getUrlDecoder().decode(parts[2])));
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"id-1\"") && claims.contains("\"groups\":[\"member\"]"), claims);
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
