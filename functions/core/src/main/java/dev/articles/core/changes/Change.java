package dev.articles.core.changes;

import dev.articles.core.article.Article;
import java.time.Instant;

/**
 * One entry of the changes feed: an article to store or replace on the device, or one to remove. {@code position}
 * is where it stands in the feed (its change time, then its id): a sync goes on after the last position it applied.
 */
public sealed interface Change {

    String position();

    /** The article it is about. */
    String id();

    /** The article is live in this version: store it, or replace the one with its id. */
    record Upsert(Article article, String position) implements Change {

        @Override
        public String id() {
            return article.id();
        }
    }

    /** The article was deleted or unpublished at {@code at}: remove it. */
    record Delete(String id, Instant at, String position) implements Change {}
}
