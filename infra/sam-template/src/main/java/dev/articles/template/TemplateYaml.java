package dev.articles.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Parses a CloudFormation/SAM template into plain maps, lists and scalars, intrinsics as {@link Intrinsic}. */
final class TemplateYaml {

    private TemplateYaml() {
    }

    static Map<String, Object> read(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // CloudFormation rejects them too
        Yaml yaml = new Yaml(new CloudFormationConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = normalizeLongForms(yaml.load(reader));
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " is not a template: its top level is not a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> template = (Map<String, Object>) map;
            return template;
        }
    }

    /** Turns {@code {"Ref": X}} and {@code {"Fn::...": X}} into intrinsics so both forms read alike. */
    private static Object normalizeLongForms(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.keySet().iterator().next() instanceof String key && Intrinsic.isLongFormKey(key)) {
                Object argument = normalizeLongForms(map.get(key));
                if (key.equals("Fn::GetAtt") && argument instanceof String dotted) {
                    argument = splitGetAtt(dotted);
                }
                return new Intrinsic(key, argument);
            }
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, normalizeLongForms(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(normalizeLongForms(v)));
            return copy;
        }
        if (value instanceof Intrinsic intrinsic) {
            return new Intrinsic(intrinsic.name(), normalizeLongForms(intrinsic.argument()));
        }
        return value;
    }

    /** {@code !GetAtt Table.Arn} names the resource up to the first dot; attributes may contain dots. */
    private static List<Object> splitGetAtt(String dotted) {
        int dot = dotted.indexOf('.');
        if (dot <= 0 || dot == dotted.length() - 1) {
            throw new IllegalArgumentException("GetAtt needs LogicalId.Attribute, got: " + dotted);
        }
        return List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    /** SnakeYAML's safe constructor plus CloudFormation's short tags ({@code !Ref}, {@code !Sub}, ...). */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            for (String tag : Intrinsic.SHORT_TAGS) {
                yamlConstructors.put(new Tag("!" + tag), new ShortTag(Intrinsic.longName(tag)));
            }
        }

        private final class ShortTag extends AbstractConstruct {
            private final String name;

            ShortTag(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object argument = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected YAML node for !" + name);
                };
                if (name.equals("Fn::GetAtt") && argument instanceof String dotted) {
                    argument = splitGetAtt(dotted);
                }
                return new Intrinsic(name, argument);
            }
        }
    }
}
