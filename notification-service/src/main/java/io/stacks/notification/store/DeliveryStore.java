package io.stacks.notification.store;

import io.stacks.notification.config.DeliveriesConfig;
import io.stacks.notification.domain.Delivery;
import io.stacks.notification.domain.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The delivery log in DynamoDB: one item per mail, keyed {@code delivery#<id>}, removed by TTL after the
 * retention period. Failures surface as the SDK's {@code SdkException}.
 */
@ApplicationScoped
public class DeliveryStore {

    public static final String KEY_PREFIX = "delivery#";
    private static final String IDEMPOTENCY_PREFIX = "idempotency#";

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

    /**
     * Ties an idempotency key to a delivery, unless a delivery already holds it.
     *
     * @return the delivery id that holds the key: this one if it was free, the first one's otherwise; empty when
     *         the holder let it go in between (its send failed), so the caller may try again
     */
    public Optional<String> claimIdempotencyKey(String key, String deliveryId, Instant expiresAt) {
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(idempotencyItem(key, deliveryId, expiresAt))
                    .conditionExpression("attribute_not_exists(pk)"));
            return Optional.of(deliveryId);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> holder = dynamoDb.getItem(get -> get.tableName(table)
                    .key(Map.of("pk", s(IDEMPOTENCY_PREFIX + key))).consistentRead(true)).item();
            return holder == null || !holder.containsKey("deliveryId") ? Optional.empty()
                    : Optional.of(holder.get("deliveryId").s());
        }
    }

    /**
     * Moves a key from a delivery that failed to a new one, unless someone else did first.
     *
     * @return whether the key is now the new delivery's
     */
    public boolean takeOverIdempotencyKey(String key, String failedDeliveryId, String deliveryId, Instant expiresAt) {
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(idempotencyItem(key, deliveryId, expiresAt))
                    .conditionExpression("deliveryId = :failed")
                    .expressionAttributeValues(Map.of(":failed", s(failedDeliveryId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> idempotencyItem(String key, String deliveryId, Instant expiresAt) {
        return Map.of("pk", s(IDEMPOTENCY_PREFIX + key), "deliveryId", s(deliveryId),
                "expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    }

    /** Frees the key of a mail that was not sent, so that a retry with it may send. */
    public void releaseIdempotencyKey(String key) {
        dynamoDb.deleteItem(delete -> delete.tableName(table).key(Map.of("pk", s(IDEMPOTENCY_PREFIX + key))));
    }

    /** The recorded status of a delivery (PENDING, SENT or FAILED), if its record is still kept. */
    public Optional<String> status(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(table)
                .key(Map.of("pk", s(KEY_PREFIX + id))).consistentRead(true)).item();
        return item == null || !item.containsKey("status") ? Optional.empty()
                : Optional.of(item.get("status").s());
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
