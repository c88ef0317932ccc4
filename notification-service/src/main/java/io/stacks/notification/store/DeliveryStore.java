package io.stacks.notification.store;

import io.stacks.notification.config.DeliveriesConfig;
import io.stacks.notification.domain.Delivery;
import io.stacks.notification.domain.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The delivery log in DynamoDB: one item per mail, keyed {@code delivery#<id>}, removed by TTL after the
 * retention period. Failures surface as the SDK's {@code SdkException}.
 */
@ApplicationScoped
public class DeliveryStore {

    public static final String KEY_PREFIX = "delivery#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    DeliveryStore(DynamoDbClient dynamoDb, DeliveriesConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.table();
    }

    /** Records a delivery as PENDING; fails if the id is already taken. */
    public void recordPending(Delivery delivery) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(KEY_PREFIX + delivery.id()));
        item.put("to", s(delivery.to()));
        item.put("template", s(delivery.template().id()));
        item.put("subject", s(delivery.subject()));
        item.put("status", s(DeliveryStatus.PENDING.name()));
        item.put("requestedAt", s(delivery.requestedAt().toString()));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(delivery.expiresAt().getEpochSecond())));
        if (delivery.requestId() != null) {
            item.put("requestId", s(delivery.requestId()));
        }
        dynamoDb.putItem(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    public void markSent(String id, Instant sentAt) {
        update(id, "SET #status = :status, sentAt = :at", Map.of("#status", "status"), Map.of(
                ":status", s(DeliveryStatus.SENT.name()), ":at", s(sentAt.toString())));
    }

    /** @param error the class of the failure, so the log tells refused connections from rejected mail */
    public void markFailed(String id, Instant failedAt, String error) {
        update(id, "SET #status = :status, failedAt = :at, #error = :error",
                Map.of("#status", "status", "#error", "error"), Map.of(
                ":status", s(DeliveryStatus.FAILED.name()), ":at", s(failedAt.toString()), ":error", s(error)));
    }

    /** Throws unless the table answers: the readiness check. */
    public void checkReachable() {
        dynamoDb.describeTable(describe -> describe.tableName(table));
    }

    public String table() {
        return table;
    }

    // "status" is a DynamoDB reserved word, so attribute names go through #placeholders.
    private void update(String id, String expression, Map<String, String> names,
            Map<String, AttributeValue> values) {
        dynamoDb.updateItem(update -> update.tableName(table).key(Map.of("pk", s(KEY_PREFIX + id)))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values)
                .conditionExpression("attribute_exists(pk)"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
