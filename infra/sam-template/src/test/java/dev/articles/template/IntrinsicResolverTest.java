package dev.articles.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short tags and long forms the real template does not use (yet), on a small template of their own. */
class IntrinsicResolverTest {

    @TempDir
    Path dir;

    @Test
    void shortAndLongFormsEvaluate() throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Parameters:
                  Stage: { Type: String, Default: dev }
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  NotProd: !Not [!Condition IsProd]
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: functions/x
                      Handler: x.Handler::handleRequest
                      Runtime: java21
                      Environment:
                        Variables:
                          JOINED: !Join [",", [a, !Ref Stage, !Select [1, !Split ["/", "p/q/r"]]]]
                          LONG: { "Fn::Join": ["-", [{ "Ref": "Stage" }, { "Fn::GetAtt": "Table.Arn" }]] }
                          PICK: !If [IsProd, big, small]
                          BOTH: !If [NotProd, !Sub "${Stage}-${!Literal}", never]
                          SUBVARS: !Sub ["${A}/${Table.StreamArn}", { A: !Ref Stage }]
                          ANDOR: !If [Both, both, not-both]
                      Events:
                        Any:
                          Type: HttpApi
                """.replace("Conditions:\n", "Conditions:\n  Both: !And [!Condition NotProd, !Or [!Equals [a, a], !Condition IsProd]]\n"));
        SamTemplate template = SamTemplate.load(file);
        IntrinsicResolver resolver = template.resolver(
                Map.of("Table.Arn", "arn:table", "Table.StreamArn", "arn:stream"), IntrinsicResolver.DynamicReferences.NONE);
        FunctionSpec fn = template.function("Fn");
        assertThat(fn.memorySize()).isEqualTo(128);
        assertThat(fn.timeoutSeconds()).isEqualTo(3);
        assertThat(fn.resolvedEnvironment(resolver)).containsExactly(
                Map.entry("JOINED", "a,dev,q"),
                Map.entry("LONG", "dev-arn:table"),
                Map.entry("PICK", "small"),
                Map.entry("BOTH", "dev-${Literal}"),
                Map.entry("SUBVARS", "dev/arn:stream"),
                Map.entry("ANDOR", "both"));
        // An HttpApi event with neither Path nor Method is SAM's $default route on the implicit API.
        assertThat(template.routes()).singleElement().satisfies(r -> {
            assertThat(r.routeKey()).isEqualTo("$default");
            assertThat(r.method()).isEqualTo("ANY");
            assertThat(r.apiLogicalId()).isEqualTo(SamTemplate.IMPLICIT_HTTP_API);
        });
        assertThat(template.httpApis()).extracting(HttpApiSpec::logicalId).containsExactly(SamTemplate.IMPLICIT_HTTP_API);

        SamTemplate prod = SamTemplate.load(file, Map.of("Stage", "prod"));
        assertThat(prod.function("Fn").resolvedEnvironment(prod.resolver(
                Map.of("Table.Arn", "t", "Table.StreamArn", "s"), IntrinsicResolver.DynamicReferences.NONE)))
                .containsEntry("PICK", "big").containsEntry("ANDOR", "not-both");
    }

    @Test
    void dynamicReferencesNeedALocalAnswer() {
        IntrinsicResolver resolver = new IntrinsicResolver(Map.of("S", "secret-id"), Map.of(),
                IntrinsicResolver.DynamicReferences.NONE);
        assertThatThrownBy(() -> resolver.resolve(new Intrinsic("Fn::Sub", "{{resolve:secretsmanager:${S}}}")))
                .hasMessageContaining("{{resolve:secretsmanager:secret-id}}");
    }

    @Test
    void globalsListsAreAdditiveAndMapsMerge() {
        Map<String, Object> merged = GlobalsMerge.merge(
                Map.of("Layers", List.of("g"), "Environment", Map.of("Variables", Map.of("A", "1", "B", "1")), "Timeout", 5),
                Map.of("Layers", List.of("own"), "Environment", Map.of("Variables", Map.of("B", "2")), "Timeout", 9));
        assertThat(merged).containsEntry("Layers", List.of("g", "own")).containsEntry("Timeout", 9)
                .containsEntry("Environment", Map.of("Variables", Map.of("A", "1", "B", "2")));
    }
}
