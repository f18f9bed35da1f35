package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.n;
import static dev.articles.dynamodb.Attributes.s;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Slug items ({@code pk = SLUG#<slug>}): which article a slug leads to. A write claims its article's slug before its
 * commit with a conditional put; the article item, written at the commit, says which slug is current. So a slug
 * item leads to the article whose slug it is, or was (a redirect), or to one that never committed (a stopped write),
 * and only the article item decides whether the slug is still held: a slug is free when its item's article no
 * longer exists, or has another slug now, and no write is under way with it. docs/data-model.md has the protocol.
 */
final class SlugItems {

    static final String ARTICLE_ID = "articleId";
    /** The write that claimed it last: a takeover is conditional on it, so of two takers one wins. */
    static final String CLAIM_ID = "claimId";
    /** Epoch milliseconds until which the write that claimed it may still commit: nobody takes it over before. */
    static final String CLAIMED_UNTIL = "claimedUntil";
    /**
     * How long a claim protects a write under way: it commits before the function's timeout (the request's deadline),
     * plus a second for two instances' clocks; as long as an Idempotency-Key's claim, for the same reason.
     */
    static final Duration HELD_FOR = DynamoIdempotencyRecords.IN_PROGRESS_EXPIRY;

    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Dynamo calls;

    SlugItems(DynamoDbClient dynamo, String table, Dynamo calls) {
        this.dynamo = dynamo;
        this.table = table;
        this.calls = calls;
    }

    static EntryKey key(String slug) {
        return new EntryKey(Keys.slug(slug), Keys.SLUG_SK);
    }

    /**
     * Claims {@code slug} for {@code articleId}'s write {@code claimId}: held from now until the write has ended.
     *
     * @return false when another article holds it (or a write of another article is under way with it)
     */
    boolean claim(String slug, String articleId, String claimId, Instant now) {
        if (isLegacyOfAnother(slug, articleId)) {
            return false;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> held;
            try {
                put(slug, articleId, claimId, now, "attribute_not_exists(pk) OR #a = :held", ARTICLE_ID, s(articleId));
                return true;
            } catch (ConditionalCheckFailedException refused) {
                held = refused.hasItem() ? refused.item() : read(slug);
            }
            if (held == null || held.isEmpty()) {
                continue; // freed this instant: claim it afresh
            }
            if (!isFree(slug, held, now)) {
                return false;
            }
            try {
                put(slug, articleId, claimId, now, "#a = :held", CLAIM_ID, held.get(CLAIM_ID));
                return true;
            } catch (ConditionalCheckFailedException anotherCameFirst) {
                // look again
            }
        }
        return false;
    }

    /** The id of the article the slug's item leads to (the slug is or was its), if it has an item. */
    Optional<String> holder(String slug) {
        Map<String, AttributeValue> item = read(slug);
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get(ARTICLE_ID).s());
    }

    /** After a delete's commit: the slug item of the deleted article goes (a leftover would only lead to the tombstone). */
    Phase.Request release(String slug, String articleId) {
        return new Phase.Request(key(slug), () -> {
            try {
                calls.call("free slug", timeout -> dynamo.deleteItem(r -> r.overrideConfiguration(timeout).tableName(table)
                        .key(key(slug).item()).conditionExpression("#a = :a")
                        .expressionAttributeNames(Map.of("#a", ARTICLE_ID))
                        .expressionAttributeValues(Map.of(":a", s(articleId)))));
            } catch (ConditionalCheckFailedException takenSince) {
                // another article holds it now: not ours to delete
            }
        });
    }

    /** The claim's put, on the condition that {@code attribute} (as {@code #a}) is {@code held} (as {@code :held}). */
    private void put(String slug, String articleId, String claimId, Instant now, String condition, String attribute,
            AttributeValue held) {
        calls.call("claim slug", timeout -> dynamo.putItem(r -> r.overrideConfiguration(timeout).tableName(table)
                .item(Map.of(Keys.PK, s(Keys.slug(slug)), Keys.SK, s(Keys.SLUG_SK), ARTICLE_ID, s(articleId),
                        CLAIM_ID, s(claimId), CLAIMED_UNTIL, n(now.plus(HELD_FOR).toEpochMilli())))
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":held", held))
                // A held slug answers with its item in the refusal: one request, not put + get (dynalite: a get).
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    }

    /** No write is under way with it, and its article no longer exists or goes by another slug now. */
    private boolean isFree(String slug, Map<String, AttributeValue> held, Instant now) {
        if (Long.parseLong(held.get(CLAIMED_UNTIL).n()) > now.toEpochMilli()) {
            return false;
        }
        Map<String, AttributeValue> holder = article(held.get(ARTICLE_ID).s());
        return holder == null || holder.isEmpty() || VersionedItems.isTombstone(holder)
                || !slug.equals(ArticleItems.slug(holder));
    }

    /** Another article, stored before slugs, goes by this slug (its id in lower case) without an item for it. */
    private boolean isLegacyOfAnother(String slug, String articleId) {
        Optional<String> otherId = ArticleItems.legacyId(slug).filter(id -> !id.equals(articleId));
        if (otherId.isEmpty()) {
            return false;
        }
        Map<String, AttributeValue> other = article(otherId.get());
        return other != null && !other.isEmpty() && !VersionedItems.isTombstone(other) && !ArticleItems.hasStoredSlug(other);
    }

    private Map<String, AttributeValue> read(String slug) {
        return calls.call("read slug", timeout -> dynamo.getItem(r -> r.overrideConfiguration(timeout).tableName(table)
                .key(key(slug).item()).consistentRead(true))).item();
    }

    /** What decides whether an article holds a slug: its id, slug and whether it was deleted; never its body. */
    private Map<String, AttributeValue> article(String id) {
        return calls.call("read slug holder", timeout -> dynamo.getItem(r -> r.overrideConfiguration(timeout).tableName(table)
                .key(ArticleItems.articleKey(id)).consistentRead(true)
                .projectionExpression("id, #s, " + VersionedItems.DELETED_AT)
                .expressionAttributeNames(Map.of("#s", ArticleItems.SLUG)))).item();
    }
}
