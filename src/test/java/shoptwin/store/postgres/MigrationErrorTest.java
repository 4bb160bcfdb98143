package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.cli.ShopTwinCommand;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.store.StoreException;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;

/** A migration that fails says which one and the database's own reason, in one masked line. */
class MigrationErrorTest {
    @TempDir
    Path dir;

    @Test
    void aFailingStatementIsNamedWithTheDatabasesReasonAndSqlState() {
        PostgresSettings db = TestDatabases.freshPostgres();
        // something of the project's that happens to take a name V1 needs
        Sql.run(db, "create table public.orders (id int)", "create index customers_name_sort_idx on public.orders (id)");

        try (Database database = new Database(db, 2)) {
            assertThatThrownBy(database::migrate).isInstanceOf(StoreException.class)
                    .hasMessage("migration V1 failed: relation \"customers_name_sort_idx\" already exists (SQL state 42P07)");
            assertThat(database.schemaVersion()).as("V1 rolled back whole").isNull();
        }
        assertThat(Sql.count(db, "select count(*) from pg_tables where tablename = 'customers'")).isZero();
    }

    @Test
    void theCauseIsMaskedWhereverThePasswordAppears() {
        PostgresSettings trust = TestDatabases.freshPostgres();
        // the (ignored) password happens to be the name in the database's message: it must not be shown
        PostgresSettings db = new PostgresSettings(trust.jdbcUrl(), trust.user(), "customers_name_sort_idx");
        Sql.run(trust, "create table public.orders (id int)", "create index customers_name_sort_idx on public.orders (id)");
        try (Database database = new Database(db, 2)) {
            assertThatThrownBy(database::migrate).hasMessage("migration V1 failed: relation \"****\" already exists (SQL state 42P07)");
        }
    }

    @Test
    void aFailedValidationIsOneLineWithFlywaysWholeReason() {
        PostgresSettings db = TestDatabases.freshPostgres();
        try (Database database = new Database(db, 2)) {
            database.migrate();
        }
        Sql.run(db, "update shoptwin.flyway_schema_history set checksum = 4711 where version = '1'");
        try (Database database = new Database(db, 2)) {
            assertThatThrownBy(database::migrate).isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                            .startsWith("migration failed: Validate failed")
                            .contains("checksum mismatch for migration version 1", "4711"));
        }
    }

    @Test
    void theCommandLinePrintsThatLineAndExitsOne() {
        PostgresSettings db = TestDatabases.freshPostgres();
        Sql.run(db, "create table public.orders (id int)", "create index customers_name_sort_idx on public.orders (id)");
        String url = db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + db.user() + ":Migr4teSecret@");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ShopTwinCommand.run(() -> Settings.load(Map.of("SUPABASE_DB_URL", url), dir, dir),
                new PrintWriter(out), new PrintWriter(err), "migrate");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("migration V1 failed: relation \"customers_name_sort_idx\" already exists (SQL state 42P07)");
        assertThat(out.toString() + err).doesNotContain("Migr4teSecret");
    }
}
