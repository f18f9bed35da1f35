package dev.articles.http.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.http.Problem;
import dev.articles.http.ProblemException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArticleJsonReaderTest {

    static ProblemException invalid(byte[] body) {
        try {
            ArticleJsonReader.read(body);
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected invalid JSON");
    }

    static ProblemException invalid(String body) {
        return invalid(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "\"text\"", "42", "{", "{\"title\":}", "{} {}", "{\"a\":1,}", "{'title':'x'}", "nul"})
    void notOneJsonObject(String body) {
        ProblemException e = invalid(body);
        assertThat(e.problem().type()).isEqualTo(Problem.Type.INVALID_JSON);
        assertThat(e.problem().detail()).doesNotContain("Exception", "com.fasterxml", "jackson");
    }

    @Test
    void nestingDeeperThan32IsRejected() {
        String at32 = "{\"x\":" + "[".repeat(31) + "]".repeat(31) + "}";
        String at33 = "{\"x\":" + "[".repeat(32) + "]".repeat(32) + "}";
        assertThat(ArticleJsonReader.read(at32.getBytes(StandardCharsets.UTF_8)).errors()).hasSize(1); // unknown field x
        assertThat(invalid(at33).problem().detail()).isEqualTo("The request body is nested deeper than 32 levels.");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThat(invalid("{\"title\":\"a\",\"title\":\"b\"}").problem().detail())
                .isEqualTo("The request body has a duplicate key 'title'.");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(invalid(body).problem().type()).isEqualTo(Problem.Type.INVALID_JSON);
    }

    /** "All JSON is UTF-8": a body in another Unicode encoding is not read as JSON, though a parser could detect it. */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"})
    void otherUnicodeEncodingsThanUtf8AreRejected(String charset) {
        byte[] body = "{\"title\":\"Caf\u00e9\",\"body\":\"b\"}".getBytes(java.nio.charset.Charset.forName(charset));
        assertThat(invalid(body).problem().type()).isEqualTo(Problem.Type.INVALID_JSON);
    }

    @Test
    void largeNumbersAreOnlyWrongTypes() {
        assertThat(ArticleJsonReader.read("{\"title\":1e400,\"n\":-123456789012345678901234567890}".getBytes(StandardCharsets.UTF_8)).errors())
                .extracting(e -> e.field()).containsExactly("title", "n");
    }

    @Test
    void numbersOfThousandsOfDigitsAreInvalidJson() {
        assertThat(invalid("{\"n\":1" + "0".repeat(5000) + "}").problem().detail())
                .isEqualTo("The request body holds a number or string longer than JSON parsing allows.");
    }

    @Test
    void syntaxErrorsGiveThePosition() {
        assertThatThrownBy(() -> ArticleJsonReader.read("{\n\"title\": x}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("The request body is not valid JSON (line 2, column 10).");
    }
}
