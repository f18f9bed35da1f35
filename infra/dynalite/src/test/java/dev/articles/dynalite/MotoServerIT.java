package dev.articles.dynalite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.articles.template.ProjectRoot;
import dev.articles.template.SamTemplate;
import dev.articles.template.TableSpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The same table on moto, which, unlike dynalite, also has TTL. */
class MotoServerIT {

    @Test
    void createsTheTemplateTableWithTtl() {
        assumeTrue(MotoServer.find().isPresent(),
                "moto_server is not on the PATH: skipping the moto variant (pip install 'moto[server]' to run it)");
        TableSpec spec = SamTemplate.load(ProjectRoot.template()).table();
        long pid;
        try (MotoServer moto = MotoServer.start(); DynamoDbClient client = LocalDynamoDb.client(moto.endpoint())) {
            pid = moto.pid();
            TableFactory.createIfAbsent(client, spec, "articles");
            TableMatchesTemplate.assertMatches(client, "articles", spec);
            assertThat(client.describeTimeToLive(r -> r.tableName("articles")).timeToLiveDescription().attributeName())
                    .isEqualTo(spec.ttlAttribute().orElseThrow());
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
