package dev.articles.local;

import java.net.URI;
import java.nio.file.Path;

/** Where the local API keeps its data. */
sealed interface DataOption {

    /** The default data dir: the git-ignored {@code .local-data/} at the project root. */
    static DataOption defaultFor(Path projectRoot) {
        return new DataDir(projectRoot.resolve(".local-data"));
    }

    /** Nothing kept: dynalite in memory, a new signing key every run. */
    record InMemory() implements DataOption {
    }

    /** dynalite's LevelDB files in {@code dir/dynamodb}, the local secrets in {@code dir/secrets.properties}. */
    record DataDir(Path dir) implements DataOption {
    }

    /** An existing DynamoDB-compatible endpoint (a shared dynalite, or DynamoDB itself); no engine started. */
    record Endpoint(URI uri) implements DataOption {
    }
}
