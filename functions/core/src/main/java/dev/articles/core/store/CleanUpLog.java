package dev.articles.core.store;

import java.util.List;

/**
 * Hears of the clean-up a write could not finish after its commit: the write succeeded and every reader sees it
 * whole, but tag entries stay behind, pending, until the next write of the article (docs/data-model.md, A write
 * that stops midway). Rare, and worth counting: many of them mean an unhealthy table or a bug.
 */
public interface CleanUpLog {

    /** Where one item left behind lives: its table key. */
    record Entry(String pk, String sk) {}

    /**
     * @param articleId the article whose write committed
     * @param left      the tag entries whose delete or confirmation failed
     * @param cause     why (the first failure)
     */
    void unfinished(String articleId, List<Entry> left, RuntimeException cause);
}
