package dev.articles.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one SHA-256 helper: digests for ETags, idempotency fingerprints and cursor filter hashes, and the local
 * runtime's names for function builds and their AOT caches.
 */
public final class Sha256 {

    private Sha256() {}

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The digest in lower-case hex, as {@code sha256sum} prints it. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** The first {@code length} bytes of the digest, base64url without padding. */
    public static String base64Url(byte[] bytes, int length) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest(bytes), length));
    }
}
