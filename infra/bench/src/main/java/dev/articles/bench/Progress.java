package dev.articles.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on stderr, so stdout carries only the table. */
public record Progress(PrintStream out) {

    public static Progress stderr() {
        return new Progress(System.err);
    }

    public void say(String format, Object... args) {
        out.println("bench: " + String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
