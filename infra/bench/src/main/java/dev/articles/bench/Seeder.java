package dev.articles.bench;

import dev.articles.core.article.Article;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Writes articles straight into the table with BatchWriteItem (25 items a call), from a few threads. */
public final class Seeder {

    static final int BATCH = 25;
    private static final int THREADS = 4;
    private static final int MAX_ROUNDS = 20;

    private final DynamoDbClient dynamo;
    private final String table;
    private final SeedArticles articles = new SeedArticles();

    public Seeder(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Writes articles {@code from} (inclusive) to {@code to} (exclusive) and returns the items written. */
    public long seed(int from, int to) {
        return seed(articles::article, from, to);
    }

    /** Writes not-live articles (drafts and scheduled) {@code from} to {@code to} and returns the items written. */
    public long seedNotLive(int from, int to) {
        return seed(articles::notLive, from, to);
    }

    /** Writes {@code article.apply(i)} for i from {@code from} to {@code to} and returns the items written. */
    long seed(IntFunction<Article> article, int from, int to) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            int chunk = Math.max(BATCH, (to - from + THREADS - 1) / THREADS);
            List<Future<Long>> parts = new ArrayList<>();
            for (int start = from; start < to; start += chunk) {
                int first = start;
                int end = Math.min(to, start + chunk);
                parts.add(pool.submit(() -> seedRange(article, first, end)));
            }
            long items = 0;
            for (Future<Long> part : parts) {
                items += part.get();
            }
            return items;
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private long seedRange(IntFunction<Article> article, int from, int to) {
        List<WriteRequest> pending = new ArrayList<>();
        long written = 0;
        for (int i = from; i < to; i++) {
            for (Map<String, AttributeValue> item : SeedArticles.items(article.apply(i))) {
                pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                if (pending.size() == BATCH) {
                    written += write(pending);
                    pending = new ArrayList<>();
                }
            }
        }
        if (!pending.isEmpty()) {
            written += write(pending);
        }
        return written;
    }

    /** One batch, resubmitting what the engine left unprocessed. */
    private int write(List<WriteRequest> batch) {
        List<WriteRequest> left = batch;
        for (int round = 0; round < MAX_ROUNDS && !left.isEmpty(); round++) {
            List<WriteRequest> requests = left;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, requests)));
            left = response.unprocessedItems().getOrDefault(table, List.of());
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException(left.size() + " items still unprocessed after " + MAX_ROUNDS + " rounds");
        }
        return batch.size();
    }
}
