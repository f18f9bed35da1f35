package dev.articles.dynamodb;

import dev.articles.core.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The region and credentials every AWS call of a function uses, given, not discovered (see {@link DynamoDbClients}).
 * Apart from the DynamoDB client so that a function calling no table (search) signs its calls the same way without
 * its jar holding the DynamoDB SDK: the shade plugin keeps only the classes a jar's code reaches.
 */
public final class AwsEnvironment {

    static final String CONTAINER_CREDENTIALS_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    private AwsEnvironment() {}

    /** The function's region, as Lambda sets it (us-east-1 where nothing does: tests, a local engine). */
    public static Region region(Environment env) {
        return Region.of(env.optional("AWS_REGION").orElse("us-east-1"));
    }

    /**
     * The role's keys from the environment; under SnapStart Lambda sets none (they would be frozen into the
     * snapshot) and serves them from its container credentials endpoint instead, fetched after restore.
     */
    public static AwsCredentialsProvider credentialsProvider(Environment env) {
        if (env.optional("AWS_ACCESS_KEY_ID").isEmpty() && env.optional(CONTAINER_CREDENTIALS_URI).isPresent()) {
            return ContainerCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(credentials(env));
    }

    private static AwsCredentials credentials(Environment env) {
        String id = env.required("AWS_ACCESS_KEY_ID");
        String secret = env.required("AWS_SECRET_ACCESS_KEY");
        return env.optional("AWS_SESSION_TOKEN")
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(id, secret));
    }
}
