package dev.articles.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} already merged in as SAM merges it.
 *
 * @param environment the Environment.Variables as written: values are strings or {@link Intrinsic}s
 */
public record FunctionSpec(String logicalId, String codeUri, String handler, String runtime, int memorySize,
                           int timeoutSeconds, List<String> architectures, Map<String, Object> environment) {

    /** Lambda's defaults when neither the function nor Globals set them. */
    static final int DEFAULT_MEMORY_MB = 128;
    static final int DEFAULT_TIMEOUT_S = 3;

    public FunctionSpec {
        architectures = List.copyOf(architectures);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The environment variables with every intrinsic evaluated by {@code resolver}, in template order. */
    public Map<String, String> resolvedEnvironment(IntrinsicResolver resolver) {
        Map<String, String> out = new LinkedHashMap<>();
        environment.forEach((name, value) -> out.put(name, resolver.resolveString(value)));
        return out;
    }

    /**
     * The jar Maven builds for this function, relative to the template: CodeUri when it names a jar, else
     * {@code <CodeUri>/target/<last segment of CodeUri>.jar} (CodeUri is the function's Maven module).
     */
    public String jar() {
        String uri = codeUri.replaceAll("/+$", "");
        return uri.endsWith(".jar") ? uri : uri + "/target/" + uri.substring(uri.lastIndexOf('/') + 1) + ".jar";
    }

    /** The Java feature version a {@code javaNN} runtime names ({@code java25} is 25), or -1 for another language. */
    public int javaFeatureVersion() {
        if (runtime != null && runtime.matches("java\\d+(\\.al2)?")) {
            return Integer.parseInt(runtime.replaceAll("\\D", ""));
        }
        return -1;
    }
}
