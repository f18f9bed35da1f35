package dev.articles.core.article;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Client fields as a request's body reads into them, for tests. */
public final class RawArticles {

    private RawArticles() {}

    /** Name, value pairs; a null value is a JSON {@code null} (a merge patch's "remove"). */
    public static RawArticle raw(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        Set<String> nulls = new HashSet<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                nulls.add((String) pairs[i]);
            } else {
                values.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return new RawArticle(values, nulls, List.of());
    }
}
