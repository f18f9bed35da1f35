package dev.articles.dynalite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared test database, on whichever engine -Ddynamodb.engine selects. */
class TestDatabaseIT {

    private final TestDatabase db = TestDatabase.shared();

    @Test
    void newTablesAreFreshAndAsTheTemplateDeclares() {
        String first = db.newTable();
        String second = db.newTable();
        assertThat(first).isNotEqualTo(second);
        assertThat(db.client().listTables().tableNames()).contains(first, second);
        TableMatchesTemplate.assertMatches(db.client(), first, db.tableSpec());
        assertThat(TestDatabase.shared()).isSameAs(db);
        assertThat(db.engineName()).isEqualTo(System.getProperty(TestDatabase.ENGINE_PROPERTY, "dynalite"));
    }

    @Test
    void creatingAnExistingTableIsANoOp() {
        String name = db.newTable();
        TableFactory.createIfAbsent(db.client(), db.tableSpec(), name);
        TableMatchesTemplate.assertMatches(db.client(), name, db.tableSpec());
    }
}
