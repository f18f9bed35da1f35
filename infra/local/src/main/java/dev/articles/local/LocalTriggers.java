package dev.articles.local;

import dev.articles.template.EventSpec;
import dev.articles.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wakes the functions no HTTP route reaches, locally: one with a {@code DynamoDB} stream event runs after
 * every successful write through the gateway (in AWS the table's stream would invoke it), one with a
 * {@code Schedule}/{@code ScheduleV2} event runs at its rate. Each function runs once at a time (a trigger during a
 * run makes one more run after it, as the indexer's ReservedConcurrentExecutions of 1 does in AWS). The event is a
 * scheduled event's JSON for both: it is a trigger only (the indexer reads the changes feed itself).
 */
final class LocalTriggers {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (second|minute|hour|day)s?\\)");

    private final List<SingleFlight> afterWrites = new ArrayList<>();
    private final Map<String, Duration> timers = new LinkedHashMap<>();
    private final Map<String, SingleFlight> flights = new LinkedHashMap<>();

    /**
     * @param runner runs the functions' invocations (serve's pool of trigger threads)
     * @param invoke runs one event through the function of that logical id
     */
    LocalTriggers(SamTemplate template, Executor runner, Clock clock, Invoker invoke) {
        for (EventSpec event : template.events()) {
            boolean stream = event.type().equals("DynamoDB");
            if (!stream && !event.isSchedule()) {
                continue;
            }
            String function = event.functionLogicalId();
            SingleFlight flight = flights.computeIfAbsent(function,
                    id -> new SingleFlight(runner, () -> invoke.invoke(id, scheduledEvent(clock))));
            if (stream) {
                afterWrites.add(flight);
            } else {
                timers.merge(function, rate(event.schedule().orElse("")), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
    }

    /** Runs one event through a function; its result is the function's business (logged by its pool). */
    @FunctionalInterface
    interface Invoker {
        void invoke(String functionLogicalId, byte[] event);
    }

    /** Starts the schedules on {@code timer} (whose shutdown stops them). */
    LocalTriggers start(ScheduledExecutorService timer) {
        timers.forEach((function, rate) -> timer.scheduleAtFixedRate(flights.get(function)::request,
                rate.toMillis(), rate.toMillis(), TimeUnit.MILLISECONDS));
        return this;
    }

    /** When each triggered function runs, for serve's startup lines. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        flights.forEach((function, flight) -> {
            List<String> when = new ArrayList<>();
            if (afterWrites.contains(flight)) {
                when.add("after each write");
            }
            if (timers.containsKey(function)) {
                when.add("every " + timers.get(function).toSeconds() + " s");
            }
            out.add(function + " runs " + String.join(" and ", when));
        });
        return out;
    }

    /** A write through the gateway succeeded: what the table's stream would deliver. */
    void written() {
        afterWrites.forEach(SingleFlight::request);
    }

    /** {@code rate(N unit)} of EventBridge (seconds too, for a quicker local loop). */
    static Duration rate(String expression) {
        Matcher m = RATE.matcher(expression.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("the local runtime runs schedules of rate(N minutes|hours|days|seconds),"
                    + " not " + expression);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "second" -> Duration.ofSeconds(n);
            case "minute" -> Duration.ofMinutes(n);
            case "hour" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** EventBridge's scheduled event, as Lambda receives it. */
    static byte[] scheduledEvent(Clock clock) {
        return String.format(Locale.ROOT, """
                {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events","account":"%s",\
                "time":"%s","region":"us-east-1","resources":[],"detail":{}}""",
                UUID.randomUUID(), HttpApiEvent.ACCOUNT_ID, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .getBytes(StandardCharsets.UTF_8);
    }
}
