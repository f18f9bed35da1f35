package dev.articles.apitests.testing;

import dev.articles.template.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A real API Gateway event file and the status a function must answer it with: the project's samples in
 * {@code events/}, and each module's cases in {@code src/test/resources/events/<status>-<what>.json}.
 */
public record EventFile(String name, byte[] json, int expectedStatus) {

    @Override
    public String toString() {
        return name + " -> " + expectedStatus;
    }

    /**
     * Sends the event to a function and checks what every answer must be: the expected status, and for an
     * error a well-formed Problem Details document.
     */
    public ApiResponse sendTo(ApiResponse.Invocable function) {
        ApiResponse response = ApiResponse.invoke(function, json);
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        if (response.status() >= 400) {
            response.assertProblemDetails();
        }
        return response;
    }

    /** A sample of the project's events/ folder, the one `sam local invoke -e` would take. */
    public static EventFile sample(String fileName, int expectedStatus) {
        return new EventFile("events/" + fileName, read(ProjectRoot.find().resolve("events").resolve(fileName)), expectedStatus);
    }

    /** The module's own cases: every file in src/test/resources/events, its status the name's prefix. */
    public static Stream<EventFile> cases() {
        Path dir = Path.of("src/test/resources/events");
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList().stream().map(file -> {
                String name = file.getFileName().toString();
                return new EventFile(name, read(file), Integer.parseInt(name.substring(0, 3)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
