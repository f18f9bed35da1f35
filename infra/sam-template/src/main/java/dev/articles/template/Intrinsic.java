package dev.articles.template;

import java.util.Set;

/**
 * A CloudFormation intrinsic function as written in the template ({@code !Ref X} or {@code {"Ref": "X"}}),
 * kept unevaluated: its value depends on where the template runs, so {@link IntrinsicResolver} decides it.
 *
 * @param name     the long form: {@code Ref}, {@code Condition} or {@code Fn::GetAtt}, {@code Fn::Sub}, ...
 * @param argument the argument as parsed: a string, a list or a map (itself possibly holding intrinsics);
 *                 for {@code GetAtt} always the list {@code [LogicalId, Attribute]}
 */
public record Intrinsic(String name, Object argument) {

    /** The short YAML tags CloudFormation accepts, without the leading {@code !}. */
    static final Set<String> SHORT_TAGS = Set.of("Ref", "Condition", "GetAtt", "Sub", "If", "Equals", "Not",
            "And", "Or", "Join", "Select", "Split", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue",
            "Transform", "Length", "ToJsonString");

    /** The long name of a short tag: {@code Ref} and {@code Condition} stay bare, the others get {@code Fn::}. */
    static String longName(String shortTag) {
        return shortTag.equals("Ref") || shortTag.equals("Condition") ? shortTag : "Fn::" + shortTag;
    }

    /** True for a single-key map key that CloudFormation reads as an intrinsic function. */
    static boolean isLongFormKey(String key) {
        return key.equals("Ref") || key.startsWith("Fn::");
    }
}
