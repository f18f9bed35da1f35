package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.s;
import static dev.articles.dynamodb.Attributes.n;

import dev.articles.core.RequestDeadline;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyKeyInProgressException;
import dev.articles.core.idempotency.IdempotencyKeyReusedException;
import dev.articles.core.idempotency.IdempotencyRecords;
import dev.articles.core.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency records, after the Powertools algorithm: one item per key, claimed IN_PROGRESS with a
 * conditional write, COMPLETED once the article is stored, expiring after 24 hours (the table's TTL).
 * The record holds the id of the article it creates, not the response: a resumed or replayed create
 * reuses that id, so even a crash between "article stored" and "record completed" cannot create twice,
 * and the record stays small whatever the article's size.
 */
public final class DynamoIdempotencyRecords implements IdempotencyRecords {

    public static final Duration RETENTION = Duration.ofHours(24);
    /**
     * The function's timeout and a second for the clocks of two function instances: the request that claimed a key
     * has surely ended by then (answered, or stopped by Lambda), and a claim left IN_PROGRESS may be taken over.
     */
    public static final Duration IN_PROGRESS_EXPIRY = RequestDeadline.FUNCTION_TIMEOUT.plusSeconds(1);

    private static final String SK = "IDEMPOTENCY";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Dynamo calls;

    /** Records whose calls are bounded by the client's timeouts alone: for tests and tools, outside a function. */
    public DynamoIdempotencyRecords(DynamoDbClient dynamo, String table) {
        this(dynamo, table, new RequestDeadline());
    }

    /** A function's records: every call ends in time for the request's answer ({@link Dynamo}). */
    public DynamoIdempotencyRecords(DynamoDbClient dynamo, String table, RequestDeadline deadline) {
        this.dynamo = dynamo;
        this.table = table;
        this.calls = new Dynamo(deadline);
    }

    @Override
    public Claim claim(IdempotencyKey key, String newArticleId, Instant now) {
        try {
            call(timeout -> dynamo.putItem(r -> r.overrideConfiguration(timeout).tableName(table)
                    .item(Map.of(
                            "pk", s(key.recordKey()), "sk", s(SK),
                            "status", s(IN_PROGRESS),
                            "requestHash", s(key.requestHash()),
                            "articleId", s(newArticleId),
                            "inProgressUntil", n(now.plus(IN_PROGRESS_EXPIRY).toEpochMilli()),
                            "expiresAt", n(now.plus(RETENTION).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                    // A key that exists answers with its record in the refusal itself: one request, not put + get.
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return new Claim(newArticleId, false);
        } catch (ConditionalCheckFailedException held) {
            return existing(key, newArticleId, now, held.hasItem() ? held.item() : read(key));
        }
    }

    /**
     * The record, read consistently: only for an engine that refuses a condition without the item asked for.
     * dynalite 4.0.0 does (it neither validates nor answers ReturnValuesOnConditionCheckFailure); DynamoDB and moto
     * answer it, and a refused condition means the record exists, so there the claim is one request.
     */
    private Map<String, AttributeValue> read(IdempotencyKey key) {
        return call(timeout -> dynamo.getItem(r -> r.overrideConfiguration(timeout).tableName(table)
                .key(key(key)).consistentRead(true))).item();
    }

    private Claim existing(IdempotencyKey key, String newArticleId, Instant now, Map<String, AttributeValue> record) {
        if (record == null || record.isEmpty()) {
            throw inProgress(); // expired and removed this instant: the client's retry claims it afresh
        }
        if (!record.get("requestHash").s().equals(key.requestHash())) {
            throw new IdempotencyKeyReusedException();
        }
        String articleId = record.get("articleId").s();
        if (record.get("status").s().equals(COMPLETED)) {
            return new Claim(articleId, true);
        }
        if (articleId.equals(newArticleId)) {
            return new Claim(articleId, false); // our own claim: the SDK retried a put whose answer was lost
        }
        String until = record.get("inProgressUntil").n();
        if (Long.parseLong(until) > now.toEpochMilli()) {
            throw inProgress();
        }
        // The request that claimed it died or gave up: take over, and finish its create of the same article.
        try {
            call(timeout -> dynamo.updateItem(r -> r.overrideConfiguration(timeout).tableName(table).key(key(key))
                    .updateExpression("SET inProgressUntil = :until")
                    .conditionExpression("inProgressUntil = :seen")
                    .expressionAttributeValues(Map.of(
                            ":until", n(now.plus(IN_PROGRESS_EXPIRY).toEpochMilli()),
                            ":seen", AttributeValue.fromN(until)))));
            return new Claim(articleId, false);
        } catch (ConditionalCheckFailedException takenByAnother) {
            throw inProgress();
        }
    }

    @Override
    public void complete(IdempotencyKey key) {
        bestEffort(timeout -> dynamo.updateItem(r -> r.overrideConfiguration(timeout).tableName(table).key(key(key))
                .updateExpression("SET #status = :completed")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":completed", s(COMPLETED)))));
    }

    @Override
    public void release(IdempotencyKey key) {
        bestEffort(timeout -> dynamo.updateItem(r -> r.overrideConfiguration(timeout).tableName(table).key(key(key))
                .updateExpression("SET inProgressUntil = :zero")
                .conditionExpression("#status = :inProgress")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":zero", n(0), ":inProgress", s(IN_PROGRESS)))));
    }

    private static IdempotencyKeyInProgressException inProgress() {
        return new IdempotencyKeyInProgressException();
    }

    private static Map<String, AttributeValue> key(IdempotencyKey key) {
        return Map.of("pk", s(key.recordKey()), "sk", s(SK));
    }

    private <T> T call(Function<AwsRequestOverrideConfiguration, T> call) {
        return calls.call("idempotency record", call);
    }

    private void bestEffort(Function<AwsRequestOverrideConfiguration, ?> call) {
        try {
            call(call);
        } catch (StoreUnavailableException | ConditionalCheckFailedException e) {
            // See the callers: either outcome is recovered by the in-progress expiry.
        }
    }
}
