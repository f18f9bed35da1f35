package dev.articles.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The 1-minute load average: a busy machine makes every time longer, so the report states it. */
public final class LoadAverage {

    private LoadAverage() {}

    public static String now() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
