package io.stacks.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.stacks.devstack.JwtKeys;
import io.stacks.devstack.StandinsTestResource;
import io.stacks.devstack.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What tests look at behind the service: the GreenMail inbox and the delivery log, plus tokens and addresses. */
final class Backstage {

    static final String DELIVERIES_TABLE = "stacks-notification-deliveries";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private Backstage() {
    }

    /** user-service's service token for this service: the one caller POST /internal/mail lets in. */
    static String serviceToken() {
        return TestTokens.service("user-service", "notification-service");
    }

    /**
     * A service token that expired ten minutes ago (well past the verifier's clock skew), signed with this run's
     * key. TestTokens' overload with a lifetime is package-private, so the token is signed here with the key pair
     * the service verifies against: the private key lies next to the public key the service is configured with.
     */
    static String expiredServiceToken(String caller, String audience) {
        String publicKey = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class);
        Path dir = Path.of(URI.create(publicKey)).getParent();
        if (!Files.exists(dir.resolve("jwt-private.pem"))) {
            // JwtKeys.in would make a new key pair, and a token it signs would fail for its signature instead
            throw new IllegalStateException("no private key beside " + publicKey);
        }
        JwtKeys keys = JwtKeys.in(dir);
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"" + caller + "\",\"upn\":\"" + caller
                + "\",\"aud\":\"" + audience + "\",\"groups\":[\"service\"],\"iat\":" + (now - 900)
                + ",\"exp\":" + (now - 600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            String pem = keys.privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A recipient no other test writes to. */
    static String newRecipient() {
        return "reader-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** An idempotency key no other test uses, shaped like the outbox's event ids. */
    static String newIdempotencyKey() {
        return "event-" + UUID.randomUUID();
    }

    static String verifyLink() {
        return "http://127.0.0.1:8080/app/verify?token=" + UUID.randomUUID().toString().replace("-", "");
    }

    static Map<String, Object> verifyRequest(String to) {
        return Map.of("to", to, "template", "verify", "variables", Map.of("link", verifyLink()));
    }

    /** The messages in a recipient's inbox, waiting up to 5 s for the first one. */
    static List<Map<String, Object>> inbox(String email) {
        return inbox(email, 1);
    }

    /** The messages in a recipient's inbox, waiting up to 5 s until there are at least {@code count}. */
    static List<Map<String, Object>> inbox(String email, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        List<Map<String, Object>> messages = read(email);
        while (messages.size() < count && Instant.now().isBefore(deadline)) {
            pause();
            messages = read(email);
        }
        return messages;
    }

    /**
     * Asserts that the recipient's inbox reaches exactly {@code count} messages and still holds exactly that many
     * a second later, so a second mail sent late would not go unnoticed.
     */
    static void assertInboxHolds(String email, int count) {
        assertEquals(count, inbox(email, count).size(), "messages for " + email);
        Instant settled = Instant.now().plus(Duration.ofSeconds(1));
        while (Instant.now().isBefore(settled)) {
            pause();
            assertEquals(count, read(email).size(), "messages for " + email + " a moment later");
        }
    }

    /** The messages in a recipient's inbox now; GreenMail answers 400 for an address it never received mail for. */
    static List<Map<String, Object>> read(String email) {
        var response = given().get(StandinsTestResource.backends().mailApiUrl() + "/api/user/" + email
                + "/messages/INBOX");
        if (response.statusCode() == 400) {
            return List.of();
        }
        return JsonPath.from(response.then().statusCode(200).extract().asString()).getList("$");
    }

    /** The delivery record {@code delivery#<id>}, or null if there is none. */
    static Map<String, AttributeValue> delivery(DynamoDbClient dynamoDb, String id) {
        return item(dynamoDb, "delivery#" + id);
    }

    /** The item that ties an idempotency key to its delivery, or null if the key is free. */
    static Map<String, AttributeValue> idempotencyKey(DynamoDbClient dynamoDb, String key) {
        return item(dynamoDb, "idempotency#" + key);
    }

    /** Every delivery record for a recipient. */
    static List<Map<String, AttributeValue>> deliveriesTo(DynamoDbClient dynamoDb, String to) {
        return dynamoDb.scanPaginator(scan -> scan.tableName(DELIVERIES_TABLE).consistentRead(true)
                .filterExpression("#to = :to").expressionAttributeNames(Map.of("#to", "to"))
                .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to))))
                .items().stream().toList();
    }

    private static Map<String, AttributeValue> item(DynamoDbClient dynamoDb, String pk) {
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(DELIVERIES_TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
