package dev.articles.core.idempotency;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import dev.articles.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A client's Idempotency-Key and the fingerprint of the request it came with: the same key with another
 * method, path or body is a different request (422), never a replay.
 *
 * @param scope who the key belongs to: the authenticated subject, or empty when writes are anonymous, so one
 *              client's key cannot replay another client's article
 */
public record IdempotencyKey(String key, String scope, String requestHash) {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    /**
     * The header's key, if the request has one; a malformed one is a 400.
     *
     * @param request the method and path, e.g. {@code PATCH /articles/01J…}: a key is bound to one request
     */
    public static Optional<IdempotencyKey> of(Optional<String> header, String scope, String request, byte[] body) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String key = header.get();
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new InvalidInputException(InvalidInputException.Kind.PARAMETERS, "The Idempotency-Key header is invalid.",
                    List.of(new FieldError(HEADER, "must be 1 to " + MAX_LENGTH + " printable ASCII characters")));
        }
        byte[] target = (request + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] fingerprinted = Arrays.copyOf(target, target.length + body.length);
        System.arraycopy(body, 0, fingerprinted, target.length, body.length);
        return Optional.of(new IdempotencyKey(key, scope, Sha256.base64Url(fingerprinted, 32)));
    }

    /** The record's partition key value: scope and key, length-prefixed so no two pairs collide. */
    public String recordKey() {
        return "IDEMPOTENCY#" + scope.length() + "#" + scope + "#" + key;
    }
}
