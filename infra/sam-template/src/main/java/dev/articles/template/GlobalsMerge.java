package dev.articles.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAM's Globals rules: a resource's own scalar wins, maps merge key by key (recursively), and lists are
 * additive (the global entries first). An intrinsic counts as a scalar.
 */
final class GlobalsMerge {

    private GlobalsMerge() {
    }

    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> out.merge(key, value, GlobalsMerge::mergeValue));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object global, Object own) {
        if (global instanceof Map<?, ?> g && own instanceof Map<?, ?> o) {
            return merge((Map<String, Object>) g, (Map<String, Object>) o);
        }
        if (global instanceof List<?> g && own instanceof List<?> o) {
            List<Object> out = new ArrayList<>(g);
            out.addAll(o);
            return out;
        }
        return own;
    }
}
