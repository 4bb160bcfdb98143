package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import shoptwin.config.PostgresSettings;
import shoptwin.testing.Sql;
import shoptwin.testing.SupabaseShape;
import shoptwin.testing.TestDatabases;

/**
 * pg_trgm wherever a project has it: Supabase's dashboard installs extensions into schema
 * {@code extensions}, and a connection's search path need not include it.
 */
class ExtensionsMigrationTest {
    private static final String TRGM_SCHEMA = "select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace"
            + " where e.extname = 'pg_trgm'";

    @Test
    void pgTrgmInstalledInExtensionsMigratesForARoleWhoseSearchPathLacksIt() {
        PostgresSettings owner = TestDatabases.freshPostgres();
        String database = Sql.one(owner, "select current_database()");
        // a role-level path wins over the database's "$user", public, extensions
        Sql.run(TestDatabases.asSuperuser(owner),
                "alter role " + SupabaseShape.OWNER + " in database " + database + " set search_path = \"$user\", public");
        assertThat(Sql.one(owner, "show search_path")).isEqualTo("\"$user\", public");

        try (Database db = new Database(owner, 2)) {
            db.migrate();
            assertThat(db.schemaVersion()).isNotNull();
        }
        assertThat(Sql.column(owner, TRGM_SCHEMA)).as("the installed copy, not a second one").containsExactly("extensions");
        assertThat(Sql.one(owner, "select pg_get_indexdef('public.customers_name_trgm_idx'::regclass)"))
                .contains("gin_trgm_ops");
        // the store's search still works on this connection's path
        Sql.run(owner, "insert into public.customers (name) values ('Anjali Menon')");
        assertThat(Sql.count(owner, "select count(*) from public.customers where name ilike '%jali%'")).isEqualTo(1);
    }

    @Test
    void aSupabaseProjectWithoutPgTrgmGetsItInSchemaExtensions() {
        PostgresSettings owner = TestDatabases.freshPostgres();
        Sql.run(TestDatabases.asSuperuser(owner), "drop extension pg_trgm");
        try (Database db = new Database(owner, 2)) {
            db.migrate();
        }
        assertThat(Sql.column(owner, TRGM_SCHEMA)).containsExactly("extensions");
    }

    @Test
    void aPlainDatabaseWithoutAnExtensionsSchemaMigratesAsBefore() {
        PostgresSettings plain = TestDatabases.freshPlainPostgres();
        try (Database db = new Database(plain, 2)) {
            db.migrate();
            assertThat(db.migrate().migrationsExecuted).isZero();
        }
        assertThat(Sql.column(plain, TRGM_SCHEMA)).hasSize(1);
        assertThat(Sql.count(plain, "select count(*) from pg_namespace where nspname = 'extensions'")).isZero();
    }
}
