package dev.articles.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;

class DynamoDbClientsTest {

    @Test
    void usesTheRoleKeysLambdaPutsInTheEnvironment() {
        Environment env = new Environment(Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token"));

        assertThat(DynamoDbClients.credentialsProvider(env).resolveCredentials())
                .isEqualTo(AwsSessionCredentials.create("id", "secret", "token"));
    }

    /** SnapStart: Lambda sets no keys, only its container credentials endpoint. */
    @Test
    void usesTheContainerEndpointWhenLambdaSetsNoKeys() {
        Environment env = new Environment(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token"));

        assertThat(DynamoDbClients.credentialsProvider(env)).isInstanceOf(ContainerCredentialsProvider.class);
        assertThat(DynamoDbClients.create(env)).isNotNull(); // builds without fetching credentials: that waits for a request
    }
}
