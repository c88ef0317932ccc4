package io.stacks.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The DynamoDB tables the services own, as CloudFormation creates them in AWS: a string key {@code pk} and a
 * time-to-live attribute {@code expiresAt} (epoch seconds). Created over DynamoDB's JSON protocol, so the
 * launcher needs no AWS SDK (whose version would clash with the Quarkus BOM).
 */
public final class DynamoTables {

    /** user-service: one-time verification and reset tokens, stored hashed. */
    public static final String USER_TOKENS = "stacks-user-tokens";
    /** notification-service: the record of every e-mail sent. */
    public static final String DELIVERIES = "stacks-notification-deliveries";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DynamoTables() {
    }

    static void createAll(String endpoint) {
        for (String table : new String[] { USER_TOKENS, DELIVERIES }) {
            call(endpoint, "CreateTable", """
                    {"TableName":"%s","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}""".formatted(table), "ResourceInUseException");
            call(endpoint, "UpdateTimeToLive", """
                    {"TableName":"%s","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expiresAt"}}"""
                    .formatted(table), "TimeToLive is already enabled");
        }
    }

    private static void call(String endpoint, String action, String body, String alreadyDone) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + action)
                // DynamoDB Local reads the key id from the header but checks no signature.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + Backends.ACCESS_KEY
                        + "/20260101/" + Backends.REGION + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && !response.body().contains(alreadyDone)) {
                throw new StackException("DynamoDB " + action + " failed: " + response.body());
            }
        } catch (IOException e) {
            throw new StackException("DynamoDB " + action + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

}
