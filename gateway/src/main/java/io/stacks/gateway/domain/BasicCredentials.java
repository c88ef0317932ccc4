package io.stacks.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A username and password from an `Authorization: Basic` header (RFC 7617). */
public record BasicCredentials(String username, String password) {

    private static final String SCHEME = "Basic";

    /** Whether the header uses the Basic scheme (even with nothing after it). */
    public static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && (authorization.length() == SCHEME.length()
                        || Character.isWhitespace(authorization.charAt(SCHEME.length())));
    }

    /** @throws EdgeRejection 401 when the header is not `Basic base64(username:password)` */
    public static BasicCredentials parse(String authorization) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw malformed();
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static EdgeRejection malformed() {
        return EdgeRejection.unauthorized("the Basic credentials are malformed: expected base64 of username:password");
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + "]";
    }
}
