package io.stacks.devstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the tokens devstack mints, with the JDK only (devstack has no JSON library on purpose). */
final class Jwts {

    private Jwts() {
    }

    static boolean verifies(String token, Path publicKeyPem) throws Exception {
        String[] parts = token.split("\\.");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey(publicKeyPem));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    static String header(String token) {
        return decode(token.split("\\.")[0]);
    }

    static String claims(String token) {
        return decode(token.split("\\.")[1]);
    }

    /** A string claim, or null when the claims have none. */
    static String string(String claims, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(claims);
        return matcher.find() ? matcher.group(1) : null;
    }

    static long number(String claims, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?\\d+)").matcher(claims);
        if (!matcher.find()) {
            throw new AssertionError("no numeric claim " + name + " in " + claims);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The raw JSON array of a claim, such as {@code ["service"]}. */
    static String array(String claims, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":(\\[[^\\]]*\\])").matcher(claims);
        return matcher.find() ? matcher.group(1) : null;
    }

    static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
