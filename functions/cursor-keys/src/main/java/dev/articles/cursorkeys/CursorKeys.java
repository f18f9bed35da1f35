package dev.articles.cursorkeys;

import dev.articles.core.Environment;
import dev.articles.core.paging.Cursors;
import dev.articles.dynamodb.AwsEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The cursor signing keys, read once at init. In AWS: the secret {@code CURSOR_SECRET_ID} names, through the
 * SDK (the Parameters and Secrets Lambda Extension wants the session token SnapStart functions are not given),
 * its current version signing and its previous one (after a rotation) still accepted. Locally
 * ({@code serve}, {@code sam local}): the key itself in {@code CURSOR_SIGNING_KEY}, which is empty in AWS.
 * Under SnapStart the keys are read before the snapshot (which Lambda encrypts), so a rotation takes effect
 * with the next published version, and cursors signed before it stay valid through the previous key. The list and
 * the preview list, the changes feed and search read them: the same keys sign every route's cursors.
 */
public final class CursorKeys {

    static final String LOCAL_KEY = "CURSOR_SIGNING_KEY";
    static final String SECRET_ID = "CURSOR_SECRET_ID";
    static final String PREVIOUS_STAGE = "AWSPREVIOUS";

    private CursorKeys() {
    }

    public static Cursors load(Environment env) {
        Optional<String> local = env.optional(LOCAL_KEY);
        if (local.isPresent()) {
            return new Cursors(bytes(local.get()));
        }
        String secretId = env.required(SECRET_ID);
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .region(AwsEnvironment.region(env))
                .credentialsProvider(AwsEnvironment.credentialsProvider(env))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            String current = client.getSecretValue(r -> r.secretId(secretId)).secretString();
            return new Cursors(bytes(current), previous(client, secretId).map(CursorKeys::bytes).stream().toList());
        }
    }

    /** The key before the last rotation; none before the first. */
    private static Optional<String> previous(SecretsManagerClient client, String secretId) {
        try {
            return Optional.of(client.getSecretValue(r -> r.secretId(secretId).versionStage(PREVIOUS_STAGE)).secretString());
        } catch (ResourceNotFoundException neverRotated) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
