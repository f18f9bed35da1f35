package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiReferenceTest {

    @Test
    void theServedDocumentNamesOnlyTheServingOrigin() {
        String yaml = """
                openapi: 3.1.0
                servers:
                  - url: https://{apiId}.execute-api.{region}.amazonaws.com
                    description: >-
                      A deployed stack.

                    variables:
                      apiId: {default: abc}
                security: []
                """;
        assertThat(ApiReference.withServer(yaml, "http://127.0.0.1:3000")).isEqualTo("""
                openapi: 3.1.0
                servers:
                  - url: "http://127.0.0.1:3000"
                    description: this serve (articles-local), where Try it out sends its requests

                security: []
                """);
        assertThat(ApiReference.withServer("openapi: 3.1.0\n", "http://localhost:3000"))
                .startsWith("openapi: 3.1.0\n").contains("servers:\n  - url: \"http://localhost:3000\"");
    }
}
