package dev.articles.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code seed}: a few dozen realistic articles for a front end to page through, filter and edit, written through
 * the API itself (POST /articles) so that every rule and index applies. The contract's sample news article is one;
 * the others are generated from a fixed seed, so every run asks for the same articles.
 *
 * <p>Idempotent two ways: every seed article carries the tag {@value #TAG}, and those whose title is already
 * listed under it are not sent again (this holds days later, after the 24-hour idempotency window); each create
 * also sends an Idempotency-Key derived from the article's index, so a run cut short between a create and its
 * answer, then repeated within a day, still stores nothing twice. Drafts and scheduled articles are not in the
 * API yet: add some here when they are.
 */
final class DemoArticles {

    /** Marks the seed articles: {@code GET /articles?tag=seed} lists them, and a rerun finds them so. */
    static final String TAG = "seed";
    /** Generated articles beside the sample one. */
    static final int GENERATED = 35;
    /** The newest generated publishedAt; the others go back about six days each, about seven months in all. */
    private static final Instant NEWEST = Instant.parse("2026-11-27T08:30:00Z");
    private static final String KEY_PREFIX = "articles-local-seed-v1-";
    private static final int PAGE = 100;

    private static final String[] AUTHORS = {"Amara Okafor", "Lucas Ferreira", "Mei Lin", "Jonas Berg", "Priya Raman",
            "Sofia Rossi", "Tomás Álvarez"};
    private static final String[] SOURCES = {"Harbour Gazette", "Valley Courier", "The Northern Ledger"};
    /** 7 subjects and 5 predicates: coprime, so the first 35 pairs (index mod 7, index mod 5) are all different. */
    private static final String[] SUBJECTS = {"City council", "Regional hospital", "Harbour authority", "University research group",
            "National rail operator", "Local football club", "Museum of modern art"};
    /** Each subject's own tags, in the same order; a story sometimes gets one of the other tags too. */
    private static final List<List<String>> SUBJECT_TAGS = List.of(List.of("politics", "local"), List.of("health"),
            List.of("economy", "transport"), List.of("science", "education"), List.of("transport"), List.of("sport", "local"),
            List.of("culture"));
    private static final String[] OTHER_TAGS = {"climate", "technology", "world", "economy", "politics"};
    private static final String[] PREDICATES = {"approves a plan to expand services after a long public debate",
            "warns of delays as costs rise for a second year", "unveils a new strategy for the coming decade",
            "faces questions over a missed deadline", "celebrates a record year despite a difficult start"};
    private static final String[] SENTENCES = {
            "Officials said the decision followed months of consultation with residents and businesses.",
            "Critics argued that the figures published so far leave important questions unanswered.",
            "The proposal will be reviewed again in the spring, when a fuller budget is expected.",
            "Several speakers at Tuesday's meeting called for a more transparent process.",
            "Independent analysts described the change as modest but overdue.",
            "A spokesperson declined to comment on the timetable, citing ongoing negotiations.",
            "Supporters point to similar programmes elsewhere that cut waiting times by a third.",
            "The announcement drew a mixed response from the unions representing staff.",
            "Early estimates suggest the cost could rise if material prices keep climbing.",
            "Residents living nearby said they had not been told about the plans in advance.",
            "The report, seen by this newspaper, runs to more than two hundred pages.",
            "Funding for the first phase has already been set aside, according to the minutes."};

    /** One article as POST /articles takes it, and the index its Idempotency-Key is derived from. */
    record Article(int index, Map<String, Object> json) {
        String title() {
            return (String) json.get("title");
        }
    }

    /** What a run did: created now, already there (listed under the tag), or replayed from an earlier attempt. */
    record Outcome(int created, int present, int replayed) {
    }

    private final URI api;
    private final Optional<String> token;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** @param token a bearer token for the writes, where the API authenticates them */
    DemoArticles(URI api, Optional<String> token) {
        this.api = api;
        this.token = token;
    }

    /** The sample article first, then the generated ones; the same list on every run. */
    static List<Article> articles() {
        List<Article> out = new ArrayList<>();
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("title", "VIDEO: Venezuelan coup attempt underway to throw out dictator Maduro");
        sample.put("summary", "Opposition supporters marched towards the airbase on Tuesday.");
        sample.put("body", sampleBody());
        sample.put("author", "Staff reporter");
        sample.put("source", "AMN");
        sample.put("sourceUrl", "https://news.example.org/2019/04/30/airbase");
        sample.put("tags", List.of("venezuela", "politics", "world", TAG));
        sample.put("publishedAt", "2019-04-30T10:05:00-04:00");
        out.add(new Article(0, sample));
        for (int i = 0; i < GENERATED; i++) {
            out.add(new Article(i + 1, generated(i)));
        }
        return out;
    }

    private static Map<String, Object> generated(int i) {
        SplittableRandom random = new SplittableRandom(19_000L + i);
        String title = SUBJECTS[i % SUBJECTS.length] + " " + PREDICATES[i % PREDICATES.length];
        // Short notes, ordinary stories and a few long reads: 1 to 40 paragraphs.
        int paragraphs = i % 9 == 4 ? 25 + random.nextInt(16) : 1 + random.nextInt(8);
        List<String> body = new ArrayList<>();
        for (int p = 0; p < paragraphs; p++) {
            StringBuilder paragraph = new StringBuilder();
            for (int s = 2 + random.nextInt(4); s > 0; s--) {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(SENTENCES[random.nextInt(SENTENCES.length)]);
            }
            body.add(paragraph.toString());
        }
        Set<String> tags = new LinkedHashSet<>(SUBJECT_TAGS.get(i % SUBJECTS.length));
        if (random.nextInt(3) == 0) {
            tags.add(OTHER_TAGS[random.nextInt(OTHER_TAGS.length)]);
        }
        tags.add(TAG);
        Instant publishedAt = NEWEST.minus(Duration.ofDays(6L * i).plusHours(random.nextInt(12)).plusMinutes(random.nextInt(60)));
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", title);
        if (i % 4 != 3) { // some articles have no summary, as real feeds do
            article.put("summary", body.getFirst().substring(0, body.getFirst().indexOf('.') + 1));
        }
        article.put("body", String.join("\n\n", body));
        article.put("author", AUTHORS[i % AUTHORS.length]);
        if (i % 3 != 2) {
            String source = SOURCES[i % SOURCES.length];
            article.put("source", source);
            article.put("sourceUrl", "https://" + source.toLowerCase(Locale.ROOT).replace("the ", "").replace(' ', '-')
                    + ".example/" + publishedAt.toString().substring(0, 10).replace('-', '/') + "/" + (i + 1));
        }
        article.put("tags", List.copyOf(tags));
        article.put("publishedAt", publishedAt.toString());
        return article;
    }

    /** The contract's sample news article (../shared/samples/seed-article.txt), packed into this jar by the build. */
    static String sampleBody() {
        try (InputStream in = DemoArticles.class.getResourceAsStream("/seed-article.txt")) {
            if (in == null) {
                throw new IllegalStateException("seed-article.txt is not in articles-local.jar: rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the seed articles the API does not list yet, printing what it loaded to {@code out}. */
    Outcome load(Consumer<String> out) {
        List<Article> articles = articles();
        Set<String> listed = listedTitles();
        int created = 0;
        int present = 0;
        int replayed = 0;
        for (Article article : articles) {
            if (listed.contains(article.title())) {
                present++;
                continue;
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(api + "/articles"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PlainJson.write(article.json())))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", KEY_PREFIX + article.index()));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("seed: POST /articles of \"" + article.title() + "\" answered "
                        + response.statusCode() + " " + response.body() + (response.statusCode() == 401 && token.isEmpty()
                        ? " (this API authenticates writes: seed --url " + api + " --token <the TOKEN serve --auth printed>)" : ""));
            }
            if (response.headers().firstValue("Idempotent-Replayed").filter("true"::equalsIgnoreCase).isPresent()) {
                replayed++;
            } else {
                created++;
            }
        }
        Set<String> authors = new TreeSet<>();
        Set<String> tags = new TreeSet<>();
        TreeSet<String> dates = new TreeSet<>();
        for (Article article : articles) {
            authors.add((String) article.json().get("author"));
            ((List<?>) article.json().get("tags")).forEach(t -> tags.add((String) t));
            dates.add(OffsetDateTime.parse((String) article.json().get("publishedAt")).toLocalDate().toString());
        }
        out.accept(String.format(Locale.ROOT, "Seed: %d articles tagged %s: %d created, %d already there%s", articles.size(),
                TAG, created, present, replayed == 0 ? "" : ", " + replayed + " replayed from an earlier attempt"));
        out.accept("  authors: " + String.join(", ", authors));
        out.accept("  tags: " + String.join(", ", tags));
        out.accept("  publishedAt: " + dates.first() + " to " + dates.last() + "; the contract's sample article is \""
                + articles.getFirst().title() + "\"");
        out.accept("  try: curl '" + api + "/articles?tag=politics&limit=5'");
        return new Outcome(created, present, replayed);
    }

    /** Titles of the articles listed under {@link #TAG}, every page. */
    private Set<String> listedTitles() {
        Set<String> titles = new HashSet<>();
        Optional<String> cursor = Optional.empty();
        do {
            String query = "/articles?tag=" + TAG + "&limit=" + PAGE
                    + cursor.map(c -> "&cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).orElse("");
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(api + query)).GET());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("seed: GET " + query + " answered " + response.statusCode() + " "
                        + response.body());
            }
            Map<?, ?> page = (Map<?, ?>) PlainJson.parse(response.body().getBytes(StandardCharsets.UTF_8));
            for (Object item : (List<?>) page.get("items")) {
                titles.add((String) ((Map<?, ?>) item).get("title"));
            }
            cursor = Optional.ofNullable((String) page.get("nextCursor"));
        } while (cursor.isPresent());
        return titles;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("seed: cannot reach the API at " + api + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seed: interrupted", e);
        }
    }
}
