package dev.articles.http.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import dev.articles.core.article.ArticleDraft;
import dev.articles.core.article.ArticleValidator;
import dev.articles.http.Problem;
import dev.articles.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The domain's rules as a create request meets them: read from JSON, then validated. */
class ArticleValidatorTest {

    static ArticleDraft validate(String json) {
        return ArticleValidator.validate(ArticleJsonReader.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    static List<FieldError> errors(String json) {
        try {
            validate(json);
        } catch (InvalidInputException e) {
            assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.ARTICLE_FIELDS);
            return e.errors();
        }
        throw new AssertionError("expected a validation failure for " + json);
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    @Test
    void minimalArticleGetsDefaults() {
        ArticleDraft draft = validate("{\"title\":\"  Hello  \",\"body\":\" Body \"}");
        assertThat(draft.title()).isEqualTo("Hello");
        assertThat(draft.body()).isEqualTo(" Body "); // the body is stored exactly as sent
        assertThat(draft.summary()).isNull();
        assertThat(draft.author()).isNull();
        assertThat(draft.tags()).isEmpty();
        assertThat(draft.publishedAt()).isNull();
    }

    @Test
    void nullMeansAbsentForOptionalFields() {
        ArticleDraft draft = validate("{\"title\":\"t\",\"body\":\"b\",\"summary\":null,\"author\":null,\"source\":null,"
                + "\"sourceUrl\":null,\"tags\":null,\"publishedAt\":null}");
        assertThat(draft.summary()).isNull();
        assertThat(draft.tags()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<FieldError> errors = errors("{\"title\":\"   \",\"summary\":5,\"author\":\"\",\"sourceUrl\":\"ftp://x.org/a\","
                + "\"tags\":[\"ok\",\"\",7],\"publishedAt\":\"yesterday\",\"id\":\"x\",\"createdAt\":\"y\"}");
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "summary", "id", "createdAt", "title", "body", "author", "sourceUrl", "publishedAt", "tags[1]", "tags[2]");
        assertThat(errors).contains(new FieldError("id", "is not a field of an article"),
                new FieldError("body", "is required"), new FieldError("title", "must not be blank"),
                new FieldError("summary", "must be a string"));
    }

    @Test
    void nullRequiredFieldIsRequired() {
        assertThat(errors("{\"title\":null,\"body\":null}")).containsExactly(
                new FieldError("title", "is required"), new FieldError("body", "is required"));
    }

    @Test
    void wrongTypeIsReportedOnceNotAlsoAsMissing() {
        assertThat(errors("{\"title\":[\"a\"],\"body\":{\"a\":1}}")).containsExactlyInAnyOrder(
                new FieldError("title", "must be a string"), new FieldError("body", "must be a string"));
    }

    /** Lengths count code points: an emoji is one character though it is two UTF-16 units. */
    @ParameterizedTest
    @CsvSource({"title,300", "author,200", "source,200", "summary,1000"})
    void lengthsCountCodePoints(String field, int max) {
        String emoji = "\uD83D\uDCF0"; // newspaper, outside the BMP
        String base = field.equals("title") ? "{\"body\":\"b\",\"" : "{\"title\":\"t\",\"body\":\"b\",\"";
        String atMax = base + field + "\":\"" + repeat(emoji, max) + "\"}";
        String over = base + field + "\":\"" + repeat(emoji, max + 1) + "\"}";
        validate(atMax);
        assertThat(errors(over)).containsExactly(new FieldError(field, "must be at most " + max + " characters"));
    }

    @Test
    void bodyLengthCountsCodePoints() {
        validate("{\"title\":\"t\",\"body\":\"" + repeat("\uD83D\uDCF0", 100_000) + "\"}");
        assertThat(errors("{\"title\":\"t\",\"body\":\"" + repeat("é", 100_001) + "\"}"))
                .containsExactly(new FieldError("body", "must be at most 100000 characters"));
        assertThat(errors("{\"title\":\"t\",\"body\":\"\"}")).containsExactly(new FieldError("body", "must not be blank"));
    }

    @Test
    void titleLengthAppliesAfterTrimming() {
        validate("{\"title\":\"   " + repeat("a", 300) + "   \",\"body\":\"b\"}");
    }

    @Test
    void tagsAreTrimmedLowercasedAndDeduplicatedInFirstOrder() {
        ArticleDraft draft = validate("{\"title\":\"t\",\"body\":\"b\",\"tags\":[\" Venezuela \",\"POLITICS\",\"venezuela\",\"İstanbul\"]}");
        assertThat(draft.tags()).containsExactly("venezuela", "politics", "i̇stanbul");
    }

    @Test
    void tagRules() {
        assertThat(errors("{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"a\\u0007b\",\"" + repeat("x", 51) + "\",\"  \"]}"))
                .containsExactly(new FieldError("tags[0]", "must not contain control characters"),
                        new FieldError("tags[1]", "must be at most 50 characters"),
                        new FieldError("tags[2]", "must not be blank"));
        assertThat(errors("{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}"))
                .containsExactly(new FieldError("tags", "must hold at most 10 tags"));
        assertThat(errors("{\"title\":\"t\",\"body\":\"b\",\"tags\":\"politics\"}"))
                .containsExactly(new FieldError("tags", "must be an array of strings"));
        validate("{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"" + repeat("\uD83D\uDCF0", 50) + "\"]}");
    }

    @ParameterizedTest
    @CsvSource({
        "https://news.example.org/2019/04/30/airbase, true",
        "HTTP://EXAMPLE.ORG, true",
        "http://localhost:8080/a?b=c#d, true",
        "ftp://example.org/file, false",
        "/relative/path, false",
        "https://, false",
        "'https://exa mple.org', false",
        "mailto:a@example.org, false",
    })
    void sourceUrlMustBeAbsoluteHttp(String url, boolean valid) {
        String json = "{\"title\":\"t\",\"body\":\"b\",\"sourceUrl\":\"" + url + "\"}";
        if (valid) {
            assertThat(validate(json).sourceUrl()).isEqualTo(url);
        } else {
            assertThat(errors(json)).extracting(FieldError::field).containsExactly("sourceUrl");
        }
    }

    @Test
    void sourceUrlAtMost2048() {
        String base = "https://example.org/";
        validate("{\"title\":\"t\",\"body\":\"b\",\"sourceUrl\":\"" + base + repeat("a", 2048 - base.length()) + "\"}");
        assertThat(errors("{\"title\":\"t\",\"body\":\"b\",\"sourceUrl\":\"" + base + repeat("a", 2049 - base.length()) + "\"}"))
                .containsExactly(new FieldError("sourceUrl", "must be at most 2048 characters"));
    }

    @Test
    void publishedAtIsNormalisedToUtc() {
        assertThat(validate("{\"title\":\"t\",\"body\":\"b\",\"publishedAt\":\"2019-04-30T16:05:00+02:00\"}").publishedAt())
                .isEqualTo(Instant.parse("2019-04-30T14:05:00Z"));
    }

    @Test
    void loneSurrogatesAreRejected() {
        assertThat(errors("{\"title\":\"a\\ud800b\",\"body\":\"b\",\"tags\":[\"\\udc00\"]}")).containsExactly(
                new FieldError("title", "must be valid Unicode (it holds a lone surrogate)"),
                new FieldError("tags[0]", "must be valid Unicode (it holds a lone surrogate)"));
    }

    @Test
    void textIsKeptExactlyAsSent() {
        String body = "<p>Tom & \"Jerry\"</p>\n\n\u2028 ünïcødé \uD83D\uDCF0 \\ /";
        String json = "{\"title\":\"<b>t</b>\",\"body\":\"" + body.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
        ArticleDraft draft = validate(json);
        assertThat(draft.body()).isEqualTo(body);
        assertThat(draft.title()).isEqualTo("<b>t</b>");
    }

    @Test
    void invalidJsonIsNotAValidationFailure() {
        assertThatThrownBy(() -> validate("{\"title\":"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().type()).isEqualTo(Problem.Type.INVALID_JSON));
    }
}
