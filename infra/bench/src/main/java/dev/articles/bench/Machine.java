package dev.articles.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run measured: figures are only compared with figures of the same run. */
public record Machine(int cores, String cpu, long memoryMb, String benchJvm, String functionJdk) {

    public static Machine current(FunctionJdk jdk) {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
                totalMemoryMb(), Runtime.version() + " (" + System.getProperty("java.vm.name") + ")", jdk.describe());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static long totalMemoryMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
