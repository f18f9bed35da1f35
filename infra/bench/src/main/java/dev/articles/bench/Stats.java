package dev.articles.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample; the bench reports medians and percentiles, never means of noisy times. */
public final class Stats {

    private Stats() {}

    public static double median(List<Double> sample) {
        return percentile(sample, 50);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p}% of the sample at or below it. */
    public static double percentile(List<Double> sample, double p) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("empty sample");
        }
        double[] sorted = sample.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
