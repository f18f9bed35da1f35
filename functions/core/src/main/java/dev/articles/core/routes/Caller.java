package dev.articles.core.routes;

import java.util.Set;

/**
 * Who sends a write, from the token the deployment verified: every field is empty without one. {@link WriteAccess}
 * decides whether such a caller may write at all, {@link Editors} which articles a token may change.
 *
 * @param sub    the token's subject, null without a token
 * @param name   the token's {@code name} claim, null when absent: the author of an article that names none
 * @param scopes the token's {@code scope} and {@code scp} values
 * @param groups the token's {@code cognito:groups}
 */
public record Caller(String sub, String name, Set<String> scopes, Set<String> groups) {

    public Caller {
        scopes = Set.copyOf(scopes);
        groups = Set.copyOf(groups);
    }

    public boolean authenticated() {
        return sub != null;
    }
}
