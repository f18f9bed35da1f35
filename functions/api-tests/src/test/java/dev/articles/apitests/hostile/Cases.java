package dev.articles.apitests.hostile;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs a property over generated cases on plain JUnit. Each case draws from its own {@link Random}, seeded from
 * the run's seed, the property's name and the case's index, so the seed a failure names replays the run:
 * {@code -Dhostile.seed=N}. The seed is new on every run unless given; {@code -Dhostile.scale=N} runs N times
 * as many cases.
 */
final class Cases {

    static final long SEED = Long.getLong("hostile.seed", new SecureRandom().nextLong());
    static final int SCALE = Integer.getInteger("hostile.scale", 1);
    private static final int FAILURES_SHOWN = 5;

    /** One case: draws its input from the random, sends it, and throws AssertionError when the property fails. */
    @FunctionalInterface
    interface Case {
        void check(Random random);
    }

    private Cases() {}

    /** Runs {@code count} cases (times the scale) and fails with the first few failures; returns how many ran. */
    static int run(String property, int count, Case check) {
        int cases = count * SCALE;
        List<String> shown = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < cases; i++) {
            try {
                check.check(new Random(seed(property, i)));
            } catch (AssertionError | RuntimeException e) {
                if (failed++ < FAILURES_SHOWN) {
                    shown.add("case " + i + ": " + (e instanceof AssertionError ? e.getMessage() : e.toString()));
                }
            }
        }
        System.out.println("property '" + property + "': " + cases + " cases, " + failed + " failed, seed " + SEED);
        if (failed > 0) {
            throw new AssertionError(failed + " of " + cases + " cases of '" + property + "' failed; replay with -Dhostile.seed="
                    + SEED + "\n\n" + String.join("\n\n", shown));
        }
        return cases;
    }

    private static long seed(String property, int index) {
        return (SEED ^ property.hashCode() * 0x9E3779B97F4A7C15L) + index * 0xBF58476D1CE4E5B9L;
    }
}
