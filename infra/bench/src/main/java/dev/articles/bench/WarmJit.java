package dev.articles.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The JIT's two settings on warm functions, as SnapStart runs them: a restored JVM carries what priming compiled
 * and keeps compiling while it serves. Fresh JVMs invoked directly ({@link DirectColdStart}), the settings taking
 * turns; in each, the invocations after the first are split into a warm-up (while the JIT compiles) and the steady
 * state after it, each with its p50 and p99, and the steady state's invocations a second, one after another.
 */
public final class WarmJit {

    /**
     * Functions whose sample event repeats as a steady load: the reads, and the fallback (our code alone, no
     * DynamoDB call). A create would repeat its Idempotency-Key: every invocation after the first is a replay.
     */
    static final Set<String> FUNCTIONS = Set.of("get-article", "list-articles", "route-fallback");

    /** One JVM's figures, in milliseconds. */
    public record Run(double warmUpP50, double warmUpP99, double p50, double p99, double perSecond) {}

    public record Result(BenchFunction function, DirectColdStart.Variant variant, List<Run> runs) {
        public double median(ToDoubleFunction<Run> figure) {
            return Stats.median(runs.stream().map(figure::applyAsDouble).toList());
        }
    }

    /** The plan: JVMs per setting, invocations dropped as warm-up, invocations measured after them. */
    public record Plan(int runs, int warmUp, int measured) {}

    private WarmJit() {}

    public static List<Result> measure(DirectColdStart direct, List<BenchFunction> functions, Plan plan, Progress progress) {
        List<Result> results = new ArrayList<>();
        for (BenchFunction function : functions) {
            if (!FUNCTIONS.contains(function.name())) {
                continue;
            }
            for (DirectColdStart.Result r : direct.measure(function, JvmLevers.JIT, plan.runs(), plan.warmUp() + plan.measured())) {
                results.add(new Result(function, r.variant(), r.starts().stream().map(s -> run(s.warm(), plan.warmUp())).toList()));
            }
            progress.say("warm JIT settings of %s measured", function.name());
        }
        return results;
    }

    private static Run run(List<Double> millis, int warmUp) {
        List<Double> early = millis.subList(0, warmUp);
        List<Double> steady = millis.subList(warmUp, millis.size());
        double total = steady.stream().mapToDouble(Double::doubleValue).sum();
        return new Run(Stats.median(early), Stats.percentile(early, 99), Stats.median(steady), Stats.percentile(steady, 99),
                steady.size() / (total / 1000));
    }
}
