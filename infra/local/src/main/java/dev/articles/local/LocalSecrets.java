package dev.articles.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;

/**
 * Local stand-ins for the template's Secrets Manager secrets: a random 48-character value per secret,
 * generated on first use and kept in the data dir, so list cursors signed before a restart stay valid.
 */
final class LocalSecrets {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 48;

    private final Optional<Path> file;
    private final Properties values = new Properties();
    private final SecureRandom random = new SecureRandom();

    /** @param file where values are kept; empty to keep them in memory for this run only */
    LocalSecrets(Optional<Path> file) {
        this.file = file;
        file.filter(Files::isRegularFile).ifPresent(f -> {
            try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local secrets in " + f, e);
            }
        });
    }

    /** The value of the secret with this logical id, created the first time it is asked for. */
    synchronized String get(String secretId) {
        String value = values.getProperty(secretId);
        if (value == null) {
            StringBuilder generated = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                generated.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            value = generated.toString();
            values.setProperty(secretId, value);
            save();
        }
        return value;
    }

    private void save() {
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.get().getParent());
            try (Writer out = Files.newBufferedWriter(file.get(), StandardCharsets.UTF_8)) {
                values.store(out, "Local stand-ins for the template's secrets (articles-local). Not for AWS.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local secrets to " + file.get(), e);
        }
    }
}
