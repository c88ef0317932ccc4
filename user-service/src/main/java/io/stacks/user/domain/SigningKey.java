package io.stacks.user.domain;

import io.quarkus.runtime.Startup;
import io.stacks.user.config.StacksConfig;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** The RSA key access tokens are signed with, and its public half as published in the JWKS. */
@Startup
@Singleton
public class SigningKey {

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    SigningKey(StacksConfig config) {
        try {
            String base64 = config.jwt().privateKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(key instanceof RSAPrivateCrtKey crtKey)) {
                throw new IllegalStateException("stacks.jwt.private-key must be an RSA key with CRT parameters");
            }
            privateKey = crtKey;
            publicKey = (RSAPublicKey) rsa
                    .generatePublic(new RSAPublicKeySpec(crtKey.getModulus(), crtKey.getPublicExponent()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            keyId = base64Url(digest).substring(0, 16);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stacks.jwt.private-key is not a PKCS#8 PEM RSA key", e);
        }
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JWK `n`: the modulus, unsigned big-endian, base64url. */
    public String modulus() {
        return unsigned(publicKey.getModulus());
    }

    /** The JWK `e`: the public exponent, unsigned big-endian, base64url. */
    public String exponent() {
        return unsigned(publicKey.getPublicExponent());
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length); // drop the sign byte
        }
        return base64Url(bytes);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
