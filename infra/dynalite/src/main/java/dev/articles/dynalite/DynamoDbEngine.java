package dev.articles.dynalite;

import java.net.URI;

/** A DynamoDB-compatible server running as our child process. */
public interface DynamoDbEngine extends AutoCloseable {

    /** Its HTTP endpoint on the loopback interface. */
    URI endpoint();

    /** For messages: {@code dynalite} or {@code moto}. */
    String name();

    /** Stops it; it is also stopped when the JVM exits. */
    @Override
    void close();
}
