package dev.articles.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.Environment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;

class DynamoDbClientsTest {

    @Test
    void usesTheRoleKeysLambdaPutsInTheEnvironment() {
        Environment env = new Environment(Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token"));

        assertThat(AwsEnvironment.credentialsProvider(env).resolveCredentials())
                .isEqualTo(AwsSessionCredentials.create("id", "secret", "token"));
    }

    /** SnapStart: Lambda sets no keys, only its container credentials endpoint. */
    @Test
    void usesTheContainerEndpointWhenLambdaSetsNoKeys() {
        Environment env = new Environment(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token"));

        assertThat(AwsEnvironment.credentialsProvider(env)).isInstanceOf(ContainerCredentialsProvider.class);
        assertThat(DynamoDbClients.create(env)).isNotNull(); // builds without fetching credentials: that waits for a request
    }

    private static final Map<String, String> KEYS = Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret");

    /**
     * The template declares DYNAMODB_ENDPOINT empty (for sam local --env-vars): in AWS it must change nothing.
     * (Not AWS_ENDPOINT_URL_DYNAMODB: the SDK reads that variable itself, and a function JVM started with it set
     * to "" fails to build the client: "The URI scheme of endpointOverride must not be null".)
     */
    @Test
    void aBlankDeclaredEndpointLeavesTheSdksOwnEndpoint() {
        Environment env = new Environment(with(KEYS, "DYNAMODB_ENDPOINT", ""));

        assertThat(DynamoDbClients.create(env).serviceClientConfiguration().endpointOverride()).isEmpty();
    }

    @Test
    void aGivenEndpointIsUsed() {
        Environment env = new Environment(with(KEYS, "DYNAMODB_ENDPOINT", "http://host.docker.internal:8000"));

        assertThat(DynamoDbClients.create(env).serviceClientConfiguration().endpointOverride())
                .contains(URI.create("http://host.docker.internal:8000"));
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> vars = new java.util.HashMap<>(base);
        vars.put(name, value);
        return vars;
    }
}
