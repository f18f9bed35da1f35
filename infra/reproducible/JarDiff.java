import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Compares jars in pairs and names, for each pair that differs, the first entry that differs and how: its
 * name (the order of entries), time, compression, extra fields, comment or content. When every entry is equal
 * and the files still differ, it gives the first differing byte (the zip headers: file permissions, the
 * archive comment). Exits 1 when any pair differs.
 *
 * <p>Usage: {@code java JarDiff.java a1.jar b1.jar [a2.jar b2.jar ...]}
 */
public class JarDiff {
    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: java JarDiff.java a1.jar b1.jar [a2.jar b2.jar ...]");
            System.exit(2);
        }
        int differing = 0;
        for (int i = 0; i < args.length; i += 2) {
            Path a = Path.of(args[i]), b = Path.of(args[i + 1]);
            String difference = difference(a, b);
            if (difference == null) {
                System.out.printf("identical: %s (%,d bytes)%n", b, Files.size(b));
            } else {
                differing++;
                System.out.printf("DIFFERS:   %s (first: %s): %s%n", b, a, difference);
            }
        }
        System.exit(differing == 0 ? 0 : 1);
    }

    /** The first difference between the two jars, or null when they are byte-identical. */
    static String difference(Path a, Path b) throws IOException {
        byte[] bytesA = Files.readAllBytes(a), bytesB = Files.readAllBytes(b);
        int offset = Arrays.mismatch(bytesA, bytesB);
        if (offset < 0) {
            return null;
        }
        try (ZipFile zipA = new ZipFile(a.toFile()); ZipFile zipB = new ZipFile(b.toFile())) {
            List<? extends ZipEntry> entriesA = Collections.list(zipA.entries()), entriesB = Collections.list(zipB.entries());
            for (int i = 0; i < Math.min(entriesA.size(), entriesB.size()); i++) {
                ZipEntry x = entriesA.get(i), y = entriesB.get(i);
                String what = entryDifference(zipA, x, zipB, y);
                if (what != null) {
                    return "first differing entry #" + (i + 1) + " " + x.getName() + ": " + what;
                }
            }
            if (entriesA.size() != entriesB.size()) {
                return "%d entries (first) against %d (second)".formatted(entriesA.size(), entriesB.size());
            }
        }
        return "every entry equal, yet the files differ at byte %,d of %,d (zip headers: file permissions or attributes)"
                .formatted(offset, bytesB.length);
    }

    private static String entryDifference(ZipFile zipA, ZipEntry x, ZipFile zipB, ZipEntry y) throws IOException {
        if (!x.getName().equals(y.getName())) {
            return "the second jar has " + y.getName() + " in its place (entries in another order, or one missing)";
        }
        if (x.getTime() != y.getTime()) {
            return "time " + x.getLastModifiedTime() + " (first) against " + y.getLastModifiedTime() + " (second)";
        }
        if (x.getMethod() != y.getMethod()) {
            return "compression method " + x.getMethod() + " (first) against " + y.getMethod() + " (second)";
        }
        if (!Arrays.equals(x.getExtra(), y.getExtra())) {
            return "extra fields (extended times, attributes) " + Arrays.toString(x.getExtra()) + " (first) against " + Arrays.toString(y.getExtra()) + " (second)";
        }
        if (!Objects.equals(x.getComment(), y.getComment())) {
            return "comment " + x.getComment() + " (first) against " + y.getComment() + " (second)";
        }
        if (x.getCrc() != y.getCrc() || !Arrays.equals(content(zipA, x), content(zipB, y))) {
            return "content (%,d bytes in the first, %,d in the second)".formatted(x.getSize(), y.getSize());
        }
        if (x.getCompressedSize() != y.getCompressedSize()) {
            return "compressed size %,d (first) against %,d (second)".formatted(x.getCompressedSize(), y.getCompressedSize());
        }
        return null;
    }

    private static byte[] content(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
