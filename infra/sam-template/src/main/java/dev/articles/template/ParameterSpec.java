package dev.articles.template;

/** A template parameter; {@code defaultValue} is null when it has none (then a value must be given). */
public record ParameterSpec(String name, String type, String defaultValue, String description) {

    public boolean isList() {
        return type.equals("CommaDelimitedList") || type.startsWith("List<");
    }
}
