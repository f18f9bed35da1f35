package dev.articles.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodiesTest {

    static HttpRequest withContentType(String contentType) {
        return new HttpRequest("r", "POST /articles", "POST", "/articles", "", Map.of("content-type", contentType),
                Map.of(), new byte[0], Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\"", "application/json; profile=x", "application/json;"})
    void acceptsJsonInUtf8(String contentType) {
        assertThatCode(() -> RequestBodies.requireJson(withContentType(contentType))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";", ";;", " ; ", "=", "text/plain", "application/json; charset=utf-16",
            "application/json; charset", "application/jsonx", "application/json+x; charset=utf-8"})
    void refusesEverythingElseWith415(String contentType) {
        assertThatThrownBy(() -> RequestBodies.requireJson(withContentType(contentType)))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().type()).isEqualTo(Problem.Type.UNSUPPORTED_MEDIA_TYPE));
    }
}
