package dev.articles.apitests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A table of known articles and what every list of them must answer: the model the list properties compare
 * pages with. Ties in publishedAt, authors and tags with odd characters, articles without an author; and drafts
 * (some without a publishedAt) and scheduled articles matching the same filters, which only preview lists show.
 */
final class ListModel {

    static final List<String> AUTHORS = List.of("Ann", "Bob Smith", "Zoë Ölçek", "李雷", "O'Brien & Co+1");
    static final List<String> TAGS = List.of("news", "politics", "sport", "ümlaut", "日本", "a#b", "c d", "x=y&z");
    static final List<Instant> TIMES = List.of("2019-04-30T14:05:00Z", "2019-04-30T14:05:00.000000001Z",
            "2019-12-31T23:59:59.999Z", "2020-01-01T00:00:00Z", "2020-02-29T12:00:00.5Z", "2020-06-15T08:30:00Z",
            "2021-03-01T00:00:00Z", "1999-01-01T00:00:00Z").stream().map(Instant::parse).toList();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String[] SUMMARY_MEMBERS = {"id", "slug", "status", "title", "summary", "author", "source", "sourceUrl",
            "tags", "publishedAt", "createdAt", "updatedAt"};
    /** The preview list's {@code status} values. */
    static final List<String> PUBLICATIONS = List.of("draft", "scheduled", "live");
    /** When the scheduled articles go live: after any run of the tests. */
    private static final Instant SCHEDULED = Instant.parse("2100-01-01T00:00:00Z");
    private static final int LIVE = 36;
    private static final int NOT_LIVE = 12;

    /** What a list asks for; null parts are not asked. The tag and author as sent, before normalising. */
    record Filter(String tag, String author, Instant since, Instant until) {}

    /**
     * The articles as their creates answered, without the body, newest first as the preview list orders them (a
     * draft without a publishedAt at its updatedAt); the public list is the live ones in the same order.
     */
    private final List<ObjectNode> summaries = new ArrayList<>();

    private ListModel() {}

    static ListModel seed(TestApi api) {
        ListModel model = new ListModel();
        for (int i = 0; i < LIVE + NOT_LIVE; i++) {
            Map<String, Object> article = new LinkedHashMap<>();
            article.put("title", "seed " + i);
            article.put("body", "body of " + i);
            if (i % 6 != 5) {
                article.put("author", AUTHORS.get(i % AUTHORS.size()));
            }
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < TAGS.size(); t++) {
                if (((i * 7 + t * 3) % 5) < 2) {
                    tags.add(t % 2 == 0 ? TAGS.get(t).toUpperCase(Locale.ROOT) : TAGS.get(t));
                }
            }
            article.put("tags", tags);
            if (i % 9 != 0) {
                article.put("publishedAt", TIMES.get(i % TIMES.size()).toString());
            }
            if (i >= LIVE) { // drafts, half of them without a publishedAt; and scheduled articles
                boolean draft = i % 2 == 0;
                article.put("status", draft ? "draft" : "published");
                if (draft && i % 4 == 0) {
                    article.remove("publishedAt");
                } else if (!draft) {
                    article.put("publishedAt", SCHEDULED.plusSeconds(i).toString());
                }
            }
            ApiResponse created = api.create(JSON.valueToTree(article).toString());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ObjectNode summary = (ObjectNode) Responses.parse(created.body());
            summary.remove("body");
            model.summaries.add(summary);
        }
        model.summaries.sort(Comparator.comparing(ListModel::sortedAt).thenComparing(s -> s.get("id").asText()).reversed());
        return model;
    }

    /** Every live article the filter matches, in list order. */
    List<ObjectNode> matching(Filter f) {
        return previewMatching(f, "live");
    }

    /**
     * Every article the filter matches that stands as {@code publication} says (draft, scheduled, live; null for
     * all), in preview-list order; since and until compare with where it sorts.
     */
    List<ObjectNode> previewMatching(Filter f, String publication) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode s : summaries) {
            if (publication != null && !publication.equals(publication(s))) {
                continue;
            }
            Instant published = sortedAt(s);
            boolean tag = f.tag() == null || containsText(s.get("tags"), f.tag().strip().toLowerCase(Locale.ROOT));
            boolean author = f.author() == null || f.author().strip().equals(s.get("author").asText(null));
            boolean since = f.since() == null || !published.isBefore(f.since());
            boolean until = f.until() == null || published.isBefore(f.until());
            if (tag && author && since && until) {
                out.add(s);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The live articles' ids. */
    List<String> ids() {
        return matching(new Filter(null, null, null, null)).stream().map(s -> s.get("id").asText()).toList();
    }

    /** Every article's id, drafts and scheduled ones included. */
    List<String> allIds() {
        return summaries.stream().map(s -> s.get("id").asText()).toList();
    }

    /** Every article's slug, with whether its article is live. */
    Map<String, Boolean> slugs() {
        Map<String, Boolean> slugs = new LinkedHashMap<>();
        summaries.forEach(s -> slugs.put(s.get("slug").asText(), publication(s).equals("live")));
        return slugs;
    }

    /** Where the article stands: what the preview list's status parameter calls it. */
    static String publication(JsonNode s) {
        if (s.get("status").asText().equals("draft")) {
            return "draft";
        }
        return Instant.parse(s.get("publishedAt").asText()).isAfter(Instant.now()) ? "scheduled" : "live";
    }

    private static Instant sortedAt(JsonNode s) {
        return Instant.parse(s.get(s.get("publishedAt").isNull() ? "updatedAt" : "publishedAt").asText());
    }

    /** A random filter over the model's own values, so that it matches some articles, spelled in any legal way. */
    static Filter filter(Random r) {
        String tag = r.nextInt(5) < 2 ? RandomText.padding(r) + caseOf(r, RandomText.pick(r, TAGS)) + RandomText.padding(r) : null;
        String author = r.nextInt(10) < 3 ? RandomText.padding(r) + RandomText.pick(r, AUTHORS) + RandomText.padding(r) : null;
        Instant since = r.nextInt(10) < 3 ? instant(r) : null;
        Instant until = r.nextInt(10) < 3 ? instant(r) : null;
        if (since != null && until != null && !since.isBefore(until)) {
            Instant earlier = until;
            until = since.equals(until) ? null : since;
            since = earlier;
        }
        return new Filter(tag, author, since, until);
    }

    /** The filter's parameters, each encoded as a client may: '+' or %20 for a space, any offset for an instant. */
    static Map<String, String> parameters(Random r, Filter f) {
        Map<String, String> p = new LinkedHashMap<>();
        if (f.tag() != null) {
            p.put("tag", encode(r, f.tag()));
        }
        if (f.author() != null) {
            p.put("author", encode(r, f.author()));
        }
        if (f.since() != null) {
            p.put("since", encode(r, rfc3339(r, f.since())));
        }
        if (f.until() != null) {
            p.put("until", encode(r, rfc3339(r, f.until())));
        }
        return p;
    }

    /** name=value pairs in random order. */
    static String query(Random r, Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(name + "=" + value));
        Collections.shuffle(pairs, r);
        return String.join("&", pairs);
    }

    static String encode(Random r, String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        return r.nextBoolean() ? encoded : encoded.replace("+", "%20");
    }

    /** The same instant in another offset and with as many fraction digits as it needs, or more. */
    static String rfc3339(Random r, Instant instant) {
        ZoneOffset offset = r.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHoursMinutes(r.nextInt(25) - 12, 0);
        String fraction = instant.getNano() == 0 && r.nextBoolean() ? "" : ".SSSSSSSSS";
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss" + fraction + "xxx").format(instant.atOffset(offset))
                .replace("+00:00", r.nextBoolean() ? "Z" : "+00:00");
    }

    /** One of the model's times, exactly (to test the bounds), or a moment near them. */
    private static Instant instant(Random r) {
        Instant t = RandomText.pick(r, TIMES);
        return switch (r.nextInt(4)) {
            case 0 -> t.plusNanos(1);
            case 1 -> t.minusSeconds(r.nextInt(100_000_000));
            default -> t;
        };
    }

    private static String caseOf(Random r, String tag) {
        return r.nextBoolean() ? tag : tag.toUpperCase(Locale.ROOT);
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }
}
