package dev.articles.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates template values against local stand-ins: {@code Ref X} and {@code GetAtt X.Attr} look up
 * {@code X} and {@code X.Attr} in the given values (parameters and pseudo parameters are added by
 * {@link SamTemplate#resolver}), {@code Sub}, {@code Join}, {@code Select}, {@code Split}, {@code If} and the
 * condition functions are evaluated, and dynamic references such as
 * {@code {{resolve:secretsmanager:NAME}}} in the resulting strings are handed to a {@link DynamicReferences}.
 * A value with no local stand-in is an error naming it, never a silent empty string.
 */
public final class IntrinsicResolver {

    /** Answers CloudFormation dynamic references ({@code {{resolve:service:key}}}) locally. */
    @FunctionalInterface
    public interface DynamicReferences {
        /** @param service e.g. {@code secretsmanager} or {@code ssm}; @param key everything after it */
        String resolve(String service, String key);

        /** Refuses every dynamic reference: for resolvers that must not meet one. */
        DynamicReferences NONE = (service, key) -> {
            throw new IllegalArgumentException(
                    "no local value for the dynamic reference {{resolve:" + service + ":" + key + "}}");
        };
    }

    /** The value of {@code !Ref AWS::NoValue}: the property it stands in is dropped. */
    private static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:([a-z-]+):([^}]*)}}");

    private final Map<String, Object> values;
    private final Map<String, Object> conditions;
    private final DynamicReferences dynamicReferences;

    /**
     * @param values            {@code LogicalId} (what {@code Ref} gives) or {@code LogicalId.Attribute} (what
     *                          {@code GetAtt} gives) to its local value: a string, number or list of strings
     * @param conditions        the template's {@code Conditions} section (condition name to expression)
     * @param dynamicReferences answers {@code {{resolve:...}}} found in resolved strings
     */
    public IntrinsicResolver(Map<String, ?> values, Map<String, ?> conditions, DynamicReferences dynamicReferences) {
        this.values = Map.copyOf(values);
        this.conditions = Map.copyOf(conditions);
        this.dynamicReferences = Objects.requireNonNull(dynamicReferences);
    }

    /** The value with every intrinsic evaluated: strings, numbers, booleans, lists and maps only. */
    public Object resolve(Object value) {
        Object resolved = evaluate(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** The value as a string, as CloudFormation passes it to a string property (numbers as written). */
    public String resolveString(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List<?> || resolved instanceof Map<?, ?> || resolved == null) {
            throw new IllegalArgumentException("expected a string value, got " + resolved + " from " + value);
        }
        return resolved.toString();
    }

    /** The value as a list of strings; a comma-delimited string (a CommaDelimitedList parameter) is split. */
    public List<String> resolveStringList(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (resolved == null) {
            return List.of();
        }
        return splitCommaList(resolved.toString());
    }

    static List<String> splitCommaList(String text) {
        return List.of(text.split(",", -1)).stream().map(String::trim).toList();
    }

    private Object evaluate(Object value) {
        return switch (value) {
            case Intrinsic intrinsic -> evaluateIntrinsic(intrinsic);
            case String text -> resolveDynamicReferences(text);
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    Object resolved = evaluate(v);
                    if (resolved != NO_VALUE) {
                        out.put(k, resolved);
                    }
                });
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                for (Object item : list) {
                    Object resolved = evaluate(item);
                    if (resolved != NO_VALUE) {
                        out.add(resolved);
                    }
                }
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }

    private Object evaluateIntrinsic(Intrinsic intrinsic) {
        Object argument = intrinsic.argument();
        return switch (intrinsic.name()) {
            case "Ref" -> ref(string(intrinsic, evaluate(argument)));
            case "Fn::GetAtt" -> {
                List<?> parts = list(intrinsic, argument);
                yield lookup(string(intrinsic, evaluate(parts.get(0))) + "." + string(intrinsic, evaluate(parts.get(1))));
            }
            case "Fn::Sub" -> sub(intrinsic, argument);
            case "Fn::Join" -> {
                List<?> parts = list(intrinsic, argument);
                String delimiter = string(intrinsic, evaluate(parts.get(0)));
                List<String> items = list(intrinsic, evaluate(parts.get(1))).stream().map(String::valueOf).toList();
                yield String.join(delimiter, items);
            }
            case "Fn::Select" -> {
                List<?> parts = list(intrinsic, argument);
                int index = Integer.parseInt(String.valueOf(evaluate(parts.get(0))));
                yield list(intrinsic, evaluate(parts.get(1))).get(index);
            }
            case "Fn::Split" -> {
                List<?> parts = list(intrinsic, argument);
                String delimiter = string(intrinsic, evaluate(parts.get(0)));
                yield List.of(string(intrinsic, evaluate(parts.get(1))).split(Pattern.quote(delimiter), -1));
            }
            case "Fn::If" -> {
                List<?> parts = list(intrinsic, argument);
                yield condition(string(intrinsic, parts.get(0))) ? evaluate(parts.get(1)) : evaluate(parts.get(2));
            }
            case "Fn::Equals" -> {
                List<?> parts = list(intrinsic, argument);
                yield Objects.equals(String.valueOf(evaluate(parts.get(0))), String.valueOf(evaluate(parts.get(1))));
            }
            case "Fn::Not" -> !truth(list(intrinsic, argument).get(0));
            case "Fn::And" -> list(intrinsic, argument).stream().allMatch(this::truth);
            case "Fn::Or" -> list(intrinsic, argument).stream().anyMatch(this::truth);
            case "Condition" -> condition(string(intrinsic, argument));
            default -> throw new IllegalArgumentException(intrinsic.name() + " has no local evaluation: " + intrinsic);
        };
    }

    private Object ref(String name) {
        return name.equals("AWS::NoValue") ? NO_VALUE : lookup(name);
    }

    private Object lookup(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the template refers to " + name + ", which has no local value");
        }
        return value;
    }

    private Object sub(Intrinsic intrinsic, Object argument) {
        String template;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> parts) {
            template = string(intrinsic, parts.get(0));
            variables = parts.get(1) instanceof Map<?, ?> map ? map : Map.of();
        } else {
            template = string(intrinsic, argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}"; // ${!Literal} is written out as ${Literal}
            } else if (variables.containsKey(name)) {
                replacement = String.valueOf(evaluate(variables.get(name)));
            } else {
                replacement = String.valueOf(lookup(name));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return resolveDynamicReferences(out.toString());
    }

    private String resolveDynamicReferences(String text) {
        if (!text.contains("{{resolve:")) {
            return text;
        }
        Matcher matcher = DYNAMIC_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = dynamicReferences.resolve(matcher.group(1), matcher.group(2));
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private boolean condition(String name) {
        Object expression = conditions.get(name);
        if (expression == null) {
            throw new IllegalArgumentException("the template uses condition " + name + ", which it does not define");
        }
        return truth(expression);
    }

    private boolean truth(Object expression) {
        Object value = evaluate(expression);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected a condition, got " + expression);
    }

    private static String string(Intrinsic intrinsic, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("malformed " + intrinsic.name() + ": expected a string in " + intrinsic);
    }

    private static List<?> list(Intrinsic intrinsic, Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("malformed " + intrinsic.name() + ": expected a list in " + intrinsic);
    }
}
