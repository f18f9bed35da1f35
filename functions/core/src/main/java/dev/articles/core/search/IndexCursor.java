package dev.articles.core.search;

import java.time.Instant;

/**
 * Where the search indexer stands in the changes feed.
 *
 * @param position  the feed position up to which {@code index} holds every change (a raw ChangesFeed position)
 * @param index     the concrete index it has fed
 * @param building  true while a reindex builds {@code index}, before the public alias points at it
 * @param startedAt when the build of {@code index} began: while it lasts, searches read the index before it, which
 *                  takes no change since then (the indexer's lag metric)
 * @param updatedAt when it was saved
 */
public record IndexCursor(String position, String index, boolean building, Instant startedAt, Instant updatedAt) {}
