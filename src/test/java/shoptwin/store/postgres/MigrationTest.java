package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import shoptwin.testing.TestDatabases;

class MigrationTest {
    @Test
    void migrationsApplyToAnEmptyDatabaseAndASecondRunAppliesNothing() {
        try (Database db = new Database(TestDatabases.freshPostgres(), 2)) {
            assertThat(db.schemaVersion()).isNull();
            int applied = db.migrate().migrationsExecuted;
            assertThat(applied).isGreaterThanOrEqualTo(2);
            String version = db.schemaVersion();
            assertThat(version).isNotNull();

            assertThat(db.migrate().migrationsExecuted).isZero();
            assertThat(db.schemaVersion()).isEqualTo(version);

            // tables, not rows: a freshly migrated database is empty
            for (String table : new String[] {"public.customers", "public.payments", "public.shop", "shoptwin.change_log"}) {
                assertThat(ShopTables.count(db, table)).as(table).isZero();
            }
            // Flyway's history lives in ShopTwin's own schema, not in public
            assertThat(ShopTables.queryLong(db, "select count(*) from information_schema.tables"
                    + " where table_schema = 'shoptwin' and table_name = 'flyway_schema_history'")).isEqualTo(1);
            assertThat(ShopTables.queryLong(db, "select count(*) from information_schema.tables"
                    + " where table_schema = 'public' and table_name like 'flyway%'")).isZero();
        }
    }
}
