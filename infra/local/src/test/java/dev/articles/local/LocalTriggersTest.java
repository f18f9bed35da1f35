package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.template.SamTemplate;
import dev.articles.template.SearchTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local triggers of the functions no route reaches, on an executor the test steps by hand. */
class LocalTriggersTest {

    /** Runs what it was given only when the test says so, one task at a time. */
    private static final class ManualExecutor implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runNext() {
            queued.remove().run();
        }
    }

    @Test
    void aRequestDuringARunMakesExactlyOneMoreRunAfterIt() {
        ManualExecutor executor = new ManualExecutor();
        List<String> runs = new ArrayList<>();
        SingleFlight[] flight = new SingleFlight[1];
        flight[0] = new SingleFlight(executor, () -> {
            runs.add("run " + (runs.size() + 1));
            if (runs.size() == 1) { // three triggers while the first run is in flight
                flight[0].request();
                flight[0].request();
                flight[0].request();
            }
        });

        flight[0].request();
        flight[0].request(); // before it started: the same run
        assertThat(executor.queued).hasSize(1);
        executor.runNext();
        assertThat(runs).containsExactly("run 1");
        assertThat(executor.queued).hasSize(1); // one more, not three
        executor.runNext();
        assertThat(runs).containsExactly("run 1", "run 2");
        assertThat(executor.queued).isEmpty();

        flight[0].request(); // idle again: a new run
        executor.runNext();
        assertThat(runs).hasSize(3);
    }

    @Test
    void aFailedRunDoesNotStopLaterOnes() {
        ManualExecutor executor = new ManualExecutor();
        int[] runs = {0};
        SingleFlight flight = new SingleFlight(executor, () -> {
            runs[0]++;
            throw new IllegalStateException("the function crashed");
        });
        flight.request();
        assertThatThrownBy(executor::runNext).isInstanceOf(IllegalStateException.class);
        flight.request();
        assertThat(executor.queued).hasSize(1);
    }

    @Test
    void theStreamFunctionRunsAfterWritesAndTheScheduledOneOnItsRate(@TempDir Path dir) throws Exception {
        Path file = SearchTemplate.write(dir);
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:15:30.250Z"), ZoneOffset.UTC);
        ManualExecutor executor = new ManualExecutor();
        List<String> invoked = new ArrayList<>();
        LocalTriggers off = new LocalTriggers(SamTemplate.load(file), executor, clock, (id, e) -> invoked.add(id));
        assertThat(off.describe()).isEmpty(); // Search disabled: no indexer, nothing to trigger
        off.written();
        assertThat(executor.queued).isEmpty();

        List<String> events = new ArrayList<>();
        LocalTriggers on = new LocalTriggers(SamTemplate.load(file, Map.of("Search", "enabled")), executor, clock,
                (id, e) -> {
                    invoked.add(id);
                    events.add(new String(e, StandardCharsets.UTF_8));
                });
        assertThat(on.describe()).containsExactly("Indexer runs after each write and every 60 s");
        on.written();
        on.written(); // before the run started: the same run
        executor.runNext();
        assertThat(executor.queued).isEmpty();
        assertThat(invoked).containsExactly("Indexer");
        assertThat(events.getFirst()).contains("\"detail-type\":\"Scheduled Event\"", "\"source\":\"aws.events\"",
                "\"time\":\"2026-12-03T10:15:30Z\"");
    }

    @Test
    void ratesAreEventBridgeRateExpressions() {
        assertThat(LocalTriggers.rate("rate(1 minute)")).isEqualTo(Duration.ofMinutes(1));
        assertThat(LocalTriggers.rate("rate(5 minutes)")).isEqualTo(Duration.ofMinutes(5));
        assertThat(LocalTriggers.rate("rate(30 seconds)")).isEqualTo(Duration.ofSeconds(30));
        assertThat(LocalTriggers.rate("rate(2 hours)")).isEqualTo(Duration.ofHours(2));
        assertThat(LocalTriggers.rate("rate(1 day)")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> LocalTriggers.rate("cron(0 * * * ? *)")).hasMessageContaining("cron(0 * * * ? *)");
        assertThatThrownBy(() -> LocalTriggers.rate("rate(0 minutes)")).isInstanceOf(IllegalArgumentException.class);
    }
}
