package dev.articles.core.article;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * ULIDs: 48 bits of milliseconds then 80 random bits, in Crockford base32. Time-ordered, URL-safe,
 * 26 characters. Within one millisecond the random part counts up, so ids from one JVM stay ordered.
 */
public final class ArticleIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long randomHigh; // 16 bits
    private long randomLow;  // 64 bits

    public synchronized String next(Instant now) {
        long millis = now.toEpochMilli();
        if (millis == lastMillis) {
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
            }
        } else {
            lastMillis = millis;
            randomHigh = random.nextInt(0x10000);
            randomLow = random.nextLong();
        }
        char[] id = new char[26];
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits = 16 base32 characters: the top 16 bits, then the 64 low bits.
        long high = randomHigh;
        long low = randomLow;
        for (int i = 25; i >= 10; i--) {
            id[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(id);
    }

    public static boolean isValid(String id) {
        return id != null && ULID.matcher(id).matches();
    }

    /** The millisecond a ULID was made in. */
    public static Instant timestamp(String id) {
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | indexOf(id.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a ULID character: " + c);
    }
}
