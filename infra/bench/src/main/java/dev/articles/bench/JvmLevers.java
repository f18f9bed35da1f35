package dev.articles.bench;

import java.util.List;

/** The JVM options whose effect the bench measures, each against the template's options. */
public final class JvmLevers {

    private JvmLevers() {}

    public static final DirectColdStart.Variant TEMPLATE = new DirectColdStart.Variant(
            "template (C1 only)", List.of(), List.of(), null, false);

    /** The JVM's default, full tiered compilation (C1, then C2 for the hottest code): what AWS's java25 runtime
     *  keeps when SnapStart is on. */
    public static final DirectColdStart.Variant C1_C2 = new DirectColdStart.Variant(
            "no JAVA_TOOL_OPTIONS (C1+C2)", List.of(), List.of(), "", false);

    /**
     * The template's options with the handler's SnapStart priming run after init: its first response after priming
     * stands in for a restored instance's first request (no SnapStart outside Lambda).
     */
    public static final DirectColdStart.Variant PRIMED = new DirectColdStart.Variant(
            "template, primed", List.of(), List.of(), null, true);

    /** The two JIT settings, compared warm by {@link WarmJit}. */
    public static final List<DirectColdStart.Variant> JIT = List.of(TEMPLATE, C1_C2);

    public static final List<DirectColdStart.Variant> ALL = List.of(
            TEMPLATE,
            C1_C2,
            // A class-data archive of the classes one training run loaded (JDK 13+).
            new DirectColdStart.Variant("AppCDS archive", List.of("-XX:ArchiveClassesAtExit={fn}.jsa"),
                    List.of("-XX:SharedArchiveFile={fn}.jsa"), null, false),
            // JDK 25's AOT cache (JEP 483/514/515): classes loaded and linked, plus method profiles.
            new DirectColdStart.Variant("JDK 25 AOT cache", List.of("-XX:AOTCacheOutput={fn}.aot"),
                    List.of("-XX:AOTCache={fn}.aot"), null, false));
}
