package io.stacks.system;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.stacks.devstack.TestIsbns;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the fuzz suites need to reach deep code, made once per run through the public API: a verified user (Bearer
 * token and Basic credentials), a book it owns and an image of it, so that path placeholders can be real ids; and the
 * endpoints read from the OpenAPI documents.
 */
final class FuzzFixture {

    private static FuzzFixture instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    final String username;
    final String bearer;
    final String basic;
    final String bookId;
    final String imageId;
    final Map<String, FuzzRequest.Target> targets;
    final List<FuzzApi.Endpoint> endpoints;

    private FuzzFixture() {
        username = Accounts.verifiedUser();
        bearer = "Bearer " + Accounts.accessToken(username, Accounts.PASSWORD);
        basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + Accounts.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        bookId = given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("title", "Fuzz fixture", "author", "The Fuzzer", "isbn", TestIsbns.random(), "quantity",
                        1))
                .post("/book").then().statusCode(201).extract().path("id");
        imageId = given().header("Authorization", bearer)
                .multiPart("file", "fixture.png", Images.of("png", 0x336699), "image/png")
                .post("/book/" + bookId + "/image").then().statusCode(201).extract().path("id");
        Map<String, FuzzRequest.Target> byName = new LinkedHashMap<>();
        for (String service : FuzzApi.SERVICES) {
            byName.put(service, FuzzRequest.Target.of(service, RunningStack.endpoint(service)));
        }
        targets = Map.copyOf(byName);
        endpoints = List.copyOf(FuzzApi.endpoints(byName));
    }

    static synchronized FuzzFixture get() {
        if (instance == null) {
            instance = new FuzzFixture();
        }
        return instance;
    }

    FuzzRequest.Target gateway() {
        return targets.get("gateway");
    }

    /**
     * The path with its placeholders filled: a real id where the segment before names a book or an image (unless
     * {@code real} is false), a fresh UUID otherwise. A DELETE never gets real ids: the fixture must survive.
     */
    String path(FuzzApi.Operation operation, boolean real) {
        String[] segments = operation.path().split("/", -1);
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            path.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                path.append(idFor(segment.substring(1, segment.length() - 1), segments[i - 1],
                        real && !operation.method().equals("DELETE")));
            } else {
                path.append(segment);
            }
        }
        return path.toString();
    }

    /** The path with one placeholder set to a raw (already encoded) value and the others filled as usual. */
    String pathWith(FuzzApi.Operation operation, String param, String rawValue) {
        // A NUL marks the placeholder: path() keeps it as a plain segment, and no OpenAPI path contains one.
        FuzzApi.Operation marked = new FuzzApi.Operation(operation.service(), operation.method(),
                operation.path().replace("{" + param + "}", "\u0000"), operation.params(), operation.mediaType(),
                operation.fields(), operation.secured());
        return path(marked, true).replace("\u0000", rawValue);
    }

    private String idFor(String name, String previousSegment, boolean real) {
        String hint = (previousSegment + " " + name).toLowerCase(Locale.ROOT);
        if (real && hint.contains("image")) {
            return imageId;
        }
        if (real && hint.contains("book")) {
            return bookId;
        }
        return UUID.randomUUID().toString();
    }

    /** The authorization to reach the operation with: Bearer everywhere (Basic too at the gateway, by choice). */
    String authFor(FuzzRequest.Target target, boolean basicAtGateway) {
        return target.gateway() && basicAtGateway ? basic : bearer;
    }

    /**
     * A valid body for the operation's JSON fields, with fresh values (unique username and ISBN) so that a body the
     * service accepts creates something new instead of colliding (a 409 would hide that it was accepted).
     */
    ObjectNode validBody(FuzzApi.Operation operation) {
        ObjectNode body = JSON.createObjectNode();
        for (FuzzApi.Field field : operation.fields()) {
            body.set(field.name(), validValue(field));
        }
        return body;
    }

    static JsonNode validValue(FuzzApi.Field field) {
        String name = field.name().toLowerCase(Locale.ROOT);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        switch (field.type()) {
            case "integer", "number" -> {
                return field.example() != null && field.example().isNumber() ? field.example()
                        : JSON.getNodeFactory().numberNode(1);
            }
            case "boolean" -> {
                return JSON.getNodeFactory().booleanNode(true);
            }
            case "array" -> {
                return JSON.createArrayNode();
            }
            case "object" -> {
                ObjectNode variables = JSON.createObjectNode();
                variables.put("link", "http://127.0.0.1/fuzz?token=" + unique);
                return variables;
            }
            default -> {
                if (name.contains("user") || name.contains("email") || name.equals("to")) {
                    return JSON.getNodeFactory().textNode("fuzz-" + unique + "@example.com");
                }
                if (name.contains("password")) {
                    return JSON.getNodeFactory().textNode("fuzzy-horse-" + unique.substring(0, 4) + "7");
                }
                if (name.contains("isbn")) {
                    return JSON.getNodeFactory().textNode(TestIsbns.random());
                }
                if (name.contains("token")) {
                    return JSON.getNodeFactory().textNode("fuzz-token-" + UUID.randomUUID());
                }
                if (field.example() != null && field.example().isTextual()) {
                    return field.example();
                }
                return JSON.getNodeFactory().textNode("fuzz " + unique);
            }
        }
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small valid PNG, as uploads carry. */
    static byte[] png() {
        return Images.of("png", 0x119911);
    }
}
