package shoptwin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import shoptwin.config.PostgresSettings;

/** The test databases really are shaped like a Supabase project: what the rest of the suite relies on. */
class SupabaseShapeTest {
    private final PostgresSettings db = TestDatabases.freshPostgres();

    @Test
    void theOwnerIsNotASuperuserButHasSupabasesPostgresAttributesAndOwnsTheDatabase() throws SQLException {
        assertThat(db.user()).isEqualTo(SupabaseShape.OWNER);
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolbypassrls,"
                     + " pg_get_userbyid(d.datdba) = current_user, current_setting('search_path')"
                     + " from pg_roles r, pg_database d where r.rolname = current_user and d.datname = current_database()")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("superuser").isFalse();
            assertThat(rs.getBoolean(2)).as("createdb").isTrue();
            assertThat(rs.getBoolean(3)).as("createrole").isTrue();
            assertThat(rs.getBoolean(4)).as("bypassrls").isTrue();
            assertThat(rs.getBoolean(5)).as("owns the database").isTrue();
            assertThat(rs.getString(6)).isEqualTo(SupabaseShape.SEARCH_PATH);
        }
    }

    @Test
    void theExtensionsLiveInSchemaExtensionsAndTheApiRolesExist() throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select string_agg(e.extname || '@' || n.nspname, ',' order by e.extname)"
                    + " from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname <> 'plpgsql'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("pg_trgm@extensions,pgcrypto@extensions,uuid-ossp@extensions");
            }
            try (ResultSet rs = s.executeQuery("select string_agg(rolname || ':' || rolcanlogin || ':' || rolbypassrls, ','"
                    + " order by rolname) from pg_roles where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("anon:false:false,authenticated:false:false,authenticator:true:false,"
                        + "service_role:false:true");
            }
            try (ResultSet rs = s.executeQuery("select count(*) from pg_namespace where nspname in ('auth', 'storage', 'realtime')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void aTableTheOwnerCreatesInPublicIsGrantedToTheDataApiRoles() throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("create table public.notes (id int primary key, body text)");
            s.execute("insert into public.notes values (1, 'readable with the anon key')");
            s.execute("set role anon");
            try (ResultSet rs = s.executeQuery("select body from public.notes")) {
                assertThat(rs.next()).as("RLS is off: anon reads the row").isTrue();
            }
            s.execute("reset role");
        }
    }

    @Test
    void authUidReadsTheJwtClaimsAsPostgrestSetsThem() throws SQLException {
        try (Connection c = connect(TestDatabases.as(db, "authenticator")); Statement s = c.createStatement()) {
            s.execute("begin");
            s.execute("set local role authenticated");
            s.execute("select set_config('request.jwt.claims', '{\"sub\": \"6f1c2f0e-8a51-4d5b-9a43-0d2f3c9e7b11\","
                    + " \"role\": \"authenticated\"}', true)");
            try (ResultSet rs = s.executeQuery("select auth.uid()::text, auth.role(), current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("6f1c2f0e-8a51-4d5b-9a43-0d2f3c9e7b11");
                assertThat(rs.getString(2)).isEqualTo("authenticated");
                assertThat(rs.getString(3)).isEqualTo("authenticated");
            }
            s.execute("rollback");
        }
    }

    static Connection connect(PostgresSettings s) throws SQLException {
        return DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
    }
}
