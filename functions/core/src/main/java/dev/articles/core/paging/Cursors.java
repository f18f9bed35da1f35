package dev.articles.core.paging;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import dev.articles.core.Sha256;
import dev.articles.core.store.PageFilter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident cursors: base64url of [version, 8 bytes of the filter's hash, the position of the page's
 * last entry (a list's listSk, or the search engine's position), 16 bytes of HMAC-SHA256 over all that]. A cursor
 * is accepted only with the key that signed it (or a previous key still accepted, so that rotating the key does not
 * break the cursors clients hold) and the filters it came from; anything else is a 400, never a query.
 */
public final class Cursors {

    private static final byte VERSION = 1;
    private static final int FILTER_HASH_LENGTH = 8;
    private static final int MAC_LENGTH = 16;
    private static final Pattern LIST_SK = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z#[0-9A-Z]{26}");
    /** Longest cursor worth decoding: a listSk is 57 characters. */
    private static final int MAX_CURSOR_LENGTH = 200;

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previousKeys;

    public Cursors(byte[] signingKey) {
        this(signingKey, List.of());
    }

    /** @param previousKeys keys that signed cursors before {@code signingKey} did: still accepted, never used to sign */
    public Cursors(byte[] signingKey, List<byte[]> previousKeys) {
        this.key = hmacKey(signingKey);
        this.previousKeys = previousKeys.stream().map(Cursors::hmacKey).toList();
    }

    private static SecretKeySpec hmacKey(byte[] bytes) {
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    public String encode(PageFilter filter, String listSk) {
        byte[] position = listSk.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(1 + FILTER_HASH_LENGTH + position.length);
        payload.put(VERSION).put(filterHash(filter)).put(position);
        byte[] signed = ByteBuffer.allocate(payload.capacity() + MAC_LENGTH)
                .put(payload.array()).put(mac(key, payload.array())).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /** @return the listSk the cursor's page ended at */
    public String decode(String cursor, PageFilter filter) {
        String listSk = position(cursor, filter, MAX_CURSOR_LENGTH);
        if (!LIST_SK.matcher(listSk).matches()) {
            throw invalid("is not a cursor this API issued");
        }
        return listSk;
    }

    /**
     * A cursor over a position of another form than a listSk (a search engine's): its signature and filter checked
     * as {@link #decode(String, PageFilter)} does; reading the position is the caller's.
     *
     * @return the position the cursor's page ended at, as given to {@link #encode}
     */
    public String decode(String cursor, PageFilter filter, int maxCursorLength) {
        return position(cursor, filter, maxCursorLength);
    }

    private String position(String cursor, PageFilter filter, int maxCursorLength) {
        if (cursor.length() > maxCursorLength) {
            throw invalid("is not a cursor this API issued");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a cursor this API issued");
        }
        // The decoder ignores a last character's unused bits: without this, four spellings pass for each cursor.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor)) {
            throw invalid("is not a cursor this API issued, or was altered");
        }
        if (bytes.length <= 1 + FILTER_HASH_LENGTH + MAC_LENGTH) {
            throw invalid("is not a cursor this API issued");
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - MAC_LENGTH);
        byte[] mac = Arrays.copyOfRange(bytes, payload.length, bytes.length);
        if (!signedByAcceptedKey(payload, mac) || payload[0] != VERSION) {
            throw invalid("is not a cursor this API issued, or was altered");
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(payload, 1, 1 + FILTER_HASH_LENGTH), filterHash(filter))) {
            throw invalid("belongs to a list with other filters; start again without a cursor");
        }
        String position = utf8(Arrays.copyOfRange(payload, 1 + FILTER_HASH_LENGTH, payload.length));
        if (position == null) {
            throw invalid("is not a cursor this API issued");
        }
        return position;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private boolean signedByAcceptedKey(byte[] payload, byte[] mac) {
        if (MessageDigest.isEqual(mac, mac(key, payload))) {
            return true;
        }
        return previousKeys.stream().anyMatch(previous -> MessageDigest.isEqual(mac, mac(previous, payload)));
    }

    private static byte[] mac(SecretKeySpec key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] filterHash(PageFilter filter) {
        return Arrays.copyOf(Sha256.digest(filter.canonical().getBytes(StandardCharsets.UTF_8)), FILTER_HASH_LENGTH);
    }

    /** The 400 of a cursor that is not one this API issued for this request, saying why. */
    public static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.Kind.PARAMETERS, "The cursor is invalid.",
                List.of(new FieldError("cursor", message)));
    }
}
