package io.stacks.user.store;

import io.stacks.user.config.StacksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The one-time token table (key {@code pk}, TTL attribute {@code expiresAt}). Keys are given by the domain and
 * never contain a raw token. DynamoDB being unreachable surfaces as the SDK's exception, which platform answers 503.
 */
@ApplicationScoped
public class TokenStore {

    private static final Logger LOG = Logger.getLogger(TokenStore.class);
    private static final String PK = "pk";
    private static final String USER_ID = "userId";
    private static final String EXPIRES_AT = "expiresAt";

    private final DynamoDbClient dynamo;
    private final String table;

    TokenStore(DynamoDbClient dynamo, StacksConfig config) {
        this.dynamo = dynamo;
        this.table = config.tokens().table();
    }

    public void put(String pk, String userId, Instant expiresAt) {
        dynamo.putItem(put -> put.tableName(table).item(item(pk, userId, expiresAt)));
    }

    /**
     * Writes the item unless a live one (not yet expired) has the same key.
     *
     * @return false if a live item was already there
     */
    public boolean putUnlessLive(String pk, String userId, Instant expiresAt, Instant now) {
        try {
            dynamo.putItem(put -> put.tableName(table).item(item(pk, userId, expiresAt))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", number(now))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<StoredToken> find(String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).key(key(pk)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(token(item));
    }

    /** Deletes the item and returns what it held; empty if it was not there (used or never issued). */
    public Optional<StoredToken> take(String pk) {
        try {
            Map<String, AttributeValue> old = dynamo.deleteItem(delete -> delete.tableName(table).key(key(pk))
                    .conditionExpression("attribute_exists(pk)").returnValues(ReturnValue.ALL_OLD)).attributes();
            return Optional.of(token(old));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    public void delete(String pk) {
        dynamo.deleteItem(delete -> delete.tableName(table).key(key(pk)));
    }

    /** Deletes while already failing: a leftover item only expires later, so it is logged, not raised. */
    public void deleteQuietly(String pk) {
        try {
            delete(pk);
        } catch (RuntimeException e) {
            LOG.warnf("could not delete token item %s: %s", pk, e.getMessage());
        }
    }

    /** For readiness: the table exists and DynamoDB answers. */
    public void describe() {
        dynamo.describeTable(describe -> describe.tableName(table));
    }

    private static Map<String, AttributeValue> item(String pk, String userId, Instant expiresAt) {
        return Map.of(PK, AttributeValue.fromS(pk), USER_ID, AttributeValue.fromS(userId), EXPIRES_AT,
                number(expiresAt));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(PK, AttributeValue.fromS(pk));
    }

    private static AttributeValue number(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }

    private static StoredToken token(Map<String, AttributeValue> item) {
        return new StoredToken(item.get(USER_ID).s(), Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())));
    }
}
