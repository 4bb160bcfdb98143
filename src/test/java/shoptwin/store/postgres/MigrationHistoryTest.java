package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.PostgresSettings;
import shoptwin.testing.SchemaSnapshot;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;

/**
 * Shops' databases were migrated by older releases, some in an order a fresh one never sees: after an
 * upgrade every one of them has exactly the schema a fresh database gets.
 */
class MigrationHistoryTest {
    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final String FUNCTION_NAMES = "select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
            + " where n.nspname = 'shoptwin' and p.prokind = 'f' order by 1";

    @TempDir
    Path dir;

    /** Migrates with only the named files, as a release that had just those did. */
    private void migrateWith(PostgresSettings db, String... versions) throws Exception {
        Path location = Files.createDirectories(dir.resolve("release-" + String.join("-", versions)));
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                for (String v : versions) {
                    if (name.startsWith("V" + v + "__")) {
                        Files.copy(f, location.resolve(name));
                    }
                }
            }
        }
        assertThat(location.toFile().list()).hasSize(versions.length);
        try (Database database = new Database(db, 2)) {
            SchemaMigration.forMigrate(database.dataSource(), "filesystem:" + location).migrate();
        }
    }

    private static Map<String, List<String>> freshSchema() {
        PostgresSettings fresh = TestDatabases.freshPostgres();
        try (Database database = new Database(fresh, 2)) {
            database.migrate();
        }
        return SchemaSnapshot.of(fresh);
    }

    private static void upgrade(PostgresSettings db) {
        try (Database database = new Database(db, 2)) {
            database.migrate();
        }
    }

    @Test
    void aDatabaseMigratedByTheReleasedFilesEndsWithTheFreshSchemaAfterTheUpgrade() throws Exception {
        PostgresSettings shop = TestDatabases.freshPostgres();
        migrateWith(shop, "1", "2", "10", "11", "12", "13", "14", "36", "37");
        List<String> releasedFunctions = Sql.column(shop, FUNCTION_NAMES);

        upgrade(shop);

        assertThat(SchemaSnapshot.of(shop)).isEqualTo(freshSchema());
        // every function of the release is still there (later migrations add others; their bodies evolve in their
        // R__ files, e.g. capture_change pinning the row image's settings and recording who wrote:
        // theFunctionsHaveTheSameBodies... checks them)
        assertThat(Sql.column(shop, FUNCTION_NAMES)).containsAll(releasedFunctions);
    }

    @Test
    void theFunctionsHaveTheSameBodiesWhetherMigratedFreshOrUpgraded() throws Exception {
        PostgresSettings shop = TestDatabases.freshPostgres();
        migrateWith(shop, "1", "2", "10", "11", "12", "13", "14", "36", "37");
        upgrade(shop);
        PostgresSettings fresh = TestDatabases.freshPostgres();
        upgrade(fresh);
        assertThat(SchemaSnapshot.functions(shop)).hasSize(repeatableMigrations()).isEqualTo(SchemaSnapshot.functions(fresh));
        assertThat(Sql.column(shop, "select script from shoptwin.flyway_schema_history where type = 'SQL' and version is null order by 1"))
                .as("the repeatable migrations ran on the upgraded database too")
                .contains("R__capture_change.sql", "R__stamp_row.sql");
    }

    /** The release of 25 November 22:51 had V36 but not yet V12-V14 (written later, numbered lower). */
    @Test
    void aDatabaseThatAppliedV36BeforeV12ToV14ExistedGetsThemOutOfOrder() throws Exception {
        PostgresSettings shop = TestDatabases.freshPostgres();
        migrateWith(shop, "1", "2", "10", "11", "36");
        Sql.run(shop, "insert into public.customers (name) values ('Before the upgrade')");

        upgrade(shop);

        assertThat(SchemaSnapshot.of(shop)).isEqualTo(freshSchema());
        assertThat(Sql.column(shop, "select version from shoptwin.flyway_schema_history where version in ('12', '13', '14')"
                + " order by installed_rank")).containsExactly("12", "13", "14");
        assertThat(Sql.count(shop, "select count(*) from public.customers")).isEqualTo(1);
    }

    /** The release of 25 November 23:44: V12, V36 and V37, not yet V13 and V14. */
    @Test
    void aDatabaseWithV37ButNotV13AndV14GetsThemToo() throws Exception {
        PostgresSettings shop = TestDatabases.freshPostgres();
        migrateWith(shop, "1", "2", "10", "11", "12", "36", "37");
        upgrade(shop);
        assertThat(SchemaSnapshot.of(shop)).isEqualTo(freshSchema());
    }

    @Test
    void theSnapshotSeesADifference() throws IOException {
        PostgresSettings a = TestDatabases.freshPostgres();
        upgrade(a);
        Map<String, List<String>> before = SchemaSnapshot.of(a);
        Sql.run(a, "create or replace function shoptwin.stamp_payment() returns trigger language plpgsql as $$ begin return new; end $$");
        assertThat(SchemaSnapshot.of(a)).isNotEqualTo(before);
    }

    /** One function per repeatable migration file (MigrationNumberingTest checks that). */
    private static int repeatableMigrations() {
        return java.util.Objects.requireNonNull(MIGRATIONS.toFile().list((d, name) -> name.startsWith("R__"))).length;
    }
}
