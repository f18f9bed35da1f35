package dev.articles.template;

import java.util.List;

/**
 * One statement of a function's inline IAM policy ({@code Policies: - Statement: ...}), resolved.
 *
 * @param effect    {@code Allow} or {@code Deny}
 * @param actions   e.g. {@code dynamodb:GetItem}, as written (a single Action is a one-element list)
 * @param resources ARNs, as the resolver evaluated them
 */
public record PolicyStatement(String effect, List<String> actions, List<String> resources) {

    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }
}
