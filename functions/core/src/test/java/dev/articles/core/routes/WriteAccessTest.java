package dev.articles.core.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.Environment;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteAccessTest {

    private static final Caller NO_TOKEN = new Caller(null, null, Set.of(), Set.of());
    private static final Caller TOKEN = new Caller("writer-1", "Writer", Set.of(), Set.of());

    @Test
    void theTemplatesValuesAndTheSafeDefault() {
        assertThat(WriteAccess.of(new Environment(Map.of("WRITE_ACCESS", "authenticated")))).isEqualTo(WriteAccess.AUTHENTICATED);
        assertThat(WriteAccess.of(new Environment(Map.of("WRITE_ACCESS", "public")))).isEqualTo(WriteAccess.PUBLIC);
        assertThat(WriteAccess.of(new Environment(Map.of()))).as("missing: fail closed").isEqualTo(WriteAccess.AUTHENTICATED);
        assertThat(WriteAccess.of(new Environment(Map.of("WRITE_ACCESS", " ")))).as("blank: fail closed").isEqualTo(WriteAccess.AUTHENTICATED);
    }

    @Test
    void aValueTheTemplateDoesNotAllowStopsTheFunction() {
        for (String value : new String[] {"Public", "open", "none", "false"}) {
            assertThatThrownBy(() -> WriteAccess.of(new Environment(Map.of("WRITE_ACCESS", value))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(value);
        }
    }

    @Test
    void authenticatedWritesNeedATokensSubject() {
        assertThat(WriteAccess.AUTHENTICATED.admit(TOKEN)).isSameAs(TOKEN);
        assertThatThrownBy(() -> WriteAccess.AUTHENTICATED.admit(NO_TOKEN)).isInstanceOf(UnauthenticatedException.class);
        Caller scopesWithoutSubject = new Caller(null, "Editor", Set.of("articles/edit"), Set.of("editors"));
        assertThatThrownBy(() -> WriteAccess.AUTHENTICATED.admit(scopesWithoutSubject)).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void publicWritesAdmitAnyone() {
        assertThat(WriteAccess.PUBLIC.admit(NO_TOKEN)).isSameAs(NO_TOKEN);
        assertThat(WriteAccess.PUBLIC.admit(TOKEN)).isSameAs(TOKEN);
    }
}
