package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void seedWritesToAGivenApiOrStartsOneOnTheData() {
        assertThat(CommandLine.parse(List.of("seed", "--url", "http://127.0.0.1:3000/", "--token", "t")))
                .isInstanceOfSatisfying(CommandLine.Seed.class, seed -> {
                    assertThat(seed.api()).contains(URI.create("http://127.0.0.1:3000"));
                    assertThat(seed.token()).contains("t");
                });
        assertThat(CommandLine.parse(List.of("seed", "--data-dir", "/tmp/articles-data")))
                .isInstanceOfSatisfying(CommandLine.Seed.class, seed -> {
                    assertThat(seed.api()).isEmpty();
                    assertThat(seed.local().data()).isEqualTo(new DataOption.DataDir(java.nio.file.Path.of("/tmp/articles-data")));
                    assertThat(seed.local().port()).isZero();
                });
        assertThat(CommandLine.parse(List.of("serve", "--seed")))
                .isInstanceOfSatisfying(CommandLine.Serve.class, serve -> assertThat(serve.seed()).isTrue());
    }

    @Test
    void seedRefusesWhatItCannotUse() {
        for (List<String> arguments : List.of(List.of("seed", "--in-memory"), List.of("seed", "--token", "t"),
                List.of("seed", "--url", "http://127.0.0.1:3000", "--data-dir", "/tmp/x"), List.of("seed", "--url", "ftp://x"),
                List.of("seed", "--port", "3000"), List.of("seed", "--auth"), List.of("seed", "--seed"),
                List.of("serve", "--url", "http://127.0.0.1:3000"), List.of("dynamodb", "--seed"))) {
            assertThatThrownBy(() -> CommandLine.parse(arguments)).as(arguments.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
