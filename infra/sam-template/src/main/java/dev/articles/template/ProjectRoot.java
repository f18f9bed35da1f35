package dev.articles.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project root: the folder holding template.yaml. */
public final class ProjectRoot {

    public static final String TEMPLATE = "template.yaml";

    private ProjectRoot() {
    }

    /**
     * System property {@code project.root} when set (Surefire sets it), else the nearest folder holding
     * template.yaml from the working directory up.
     */
    public static Path find() {
        String property = System.getProperty("project.root");
        if (property != null && !property.isBlank()) {
            Path root = Path.of(property).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve(TEMPLATE))) {
                throw new IllegalStateException("project.root=" + root + " holds no " + TEMPLATE);
            }
            return root;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + TEMPLATE + " in " + start + " or any folder above it: run from the "
                + "project, or set -Dproject.root=<the folder holding " + TEMPLATE + ">");
    }

    /** The project's template.yaml. */
    public static Path template() {
        return find().resolve(TEMPLATE);
    }
}
