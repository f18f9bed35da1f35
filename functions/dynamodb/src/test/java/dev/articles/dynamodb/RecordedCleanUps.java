package dev.articles.dynamodb;

import dev.articles.core.store.CleanUpLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The clean-ups writes reported unfinished, kept for a test to look at (writes stopped on purpose leave some). */
final class RecordedCleanUps implements CleanUpLog {

    record Report(String articleId, List<Entry> left) {}

    final List<Report> reports = new CopyOnWriteArrayList<>();

    @Override
    public void unfinished(String articleId, List<Entry> left, RuntimeException cause) {
        reports.add(new Report(articleId, List.copyOf(left)));
    }
}
