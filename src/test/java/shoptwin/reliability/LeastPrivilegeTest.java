package shoptwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import shoptwin.config.PostgresSettings;
import shoptwin.store.postgres.Database;
import shoptwin.testing.LeastPrivilege;
import shoptwin.testing.TestDatabases;

/** The shoptwin_app role can do ShopTwin's work and nothing more. */
class LeastPrivilegeTest {
    private static PostgresSettings owner;
    private static PostgresSettings app;

    @BeforeAll
    static void migrateAsOwnerThenGrant() {
        owner = TestDatabases.freshPostgres();
        try (Database db = new Database(owner, 2)) {
            db.migrate();
        }
        app = LeastPrivilege.grantAndConnectAsApp(owner);
    }

    private static Connection asApp() throws SQLException {
        return DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
    }

    @Test
    void theRoleHasNoSpecialAttributes() throws SQLException {
        try (Connection c = asApp(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls,"
                     + " rolcanlogin from pg_roles where rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("superuser").isFalse();
            assertThat(rs.getBoolean(2)).as("createdb").isFalse();
            assertThat(rs.getBoolean(3)).as("createrole").isFalse();
            assertThat(rs.getBoolean(4)).as("replication").isFalse();
            assertThat(rs.getBoolean(5)).as("bypassrls").isFalse();
            assertThat(rs.getBoolean(6)).as("login").isTrue();
        }
    }

    @Test
    void theAppRoleWritesTheShopTablesAndTheChangeIsCaptured() throws SQLException {
        try (Connection c = asApp(); Statement s = c.createStatement()) {
            UUID id = UUID.randomUUID();
            try (PreparedStatement p = c.prepareStatement("insert into public.customers (id, name) values (?, ?)")) {
                p.setObject(1, id);
                p.setString(2, "Least Privilege Ltd");
                p.executeUpdate();
            }
            s.executeUpdate("update public.customers set phone = '+44 20 7946 0000' where id = '" + id + "'");
            s.executeUpdate("insert into public.payments (customer_id, amount, method) values ('" + id + "', 12.50, 'cash')");
            s.executeUpdate("update public.payments set note = 'ok' where customer_id = '" + id + "'");
            s.executeUpdate("insert into public.shop (name) values ('Corner Shop') on conflict do nothing");
            s.executeUpdate("update public.shop set currency = 'EUR'");
            try (ResultSet rs = s.executeQuery("select count(*) from shoptwin.change_log where row_id = '" + id + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("captured by the SECURITY DEFINER trigger").isEqualTo(2);
            }
            s.executeUpdate("delete from public.customers where id = '" + id + "'");
            try (ResultSet rs = s.executeQuery("select op from shoptwin.change_log where row_id = '" + id + "' order by id desc limit 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("DELETE");
            }
            // session features the mirror uses
            s.execute("listen shoptwin_change");
            try (ResultSet rs = s.executeQuery("select pg_try_advisory_lock(4711)")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            try (ResultSet rs = s.executeQuery("select count(*) from shoptwin.flyway_schema_history")) {
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
        }
    }

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "create table public.evil (id int)",
            "create table shoptwin.evil (id int)",
            "create schema evil",
            "truncate public.customers",
            "drop table public.customers",
            "alter table public.customers add column evil text",
            "alter table public.customers disable trigger customers_capture",
            "drop trigger customers_capture on public.customers",
            "truncate shoptwin.change_log",
            "alter table shoptwin.change_log disable trigger all",
            "delete from shoptwin.flyway_schema_history",
            "update shoptwin.flyway_schema_history set success = false",
            "create or replace function shoptwin.capture_change() returns trigger language plpgsql as $$ begin return null; end $$",
            "create role evil",
            "create database evil",
            "alter role shoptwin_app createdb",
            "set role postgres",
    })
    void theAppRoleCannotChangeTheSchemaNorSilenceCapture(String sql) throws SQLException {
        try (Connection c = asApp(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                            .as("%s: %s", sql, e.getMessage())
                            .isIn("42501", "0A000", "42P01"));
        }
    }

    /**
     * The role cannot forge or rewrite a change: a forged DELETE with a huge id would leave a tombstone in the copy
     * that blocks its row for good; a rewritten row image would be mirrored as if a writer had made it.
     */
    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "insert into shoptwin.change_log (id, table_name, op, row_id, row_data) overriding system value"
                    + " values (9223372036854775000, 'customers', 'DELETE', gen_random_uuid(), '{}')",
            "insert into shoptwin.change_log (table_name, op, row_id, row_data) values ('customers', 'INSERT', gen_random_uuid(), '{}')",
            "update shoptwin.change_log set row_data = '{\"name\": \"forged\"}'",
            "delete from shoptwin.change_log",
            "insert into shoptwin.parked_change (id, table_name, op, row_id, row_data, changed_at, error)"
                    + " values (9223372036854775000, 'customers', 'DELETE', gen_random_uuid(), '{}', now(), 'x')",
            "update shoptwin.parked_change set row_data = '{}'",
            "delete from shoptwin.parked_change",
            "update shoptwin.generation set id = gen_random_uuid()",
            "insert into shoptwin.mirror_intent (n, token) values (999999, gen_random_uuid())",
            "delete from shoptwin.mirror_intent",
            "update shoptwin.copy_writer set writing_until = null",
            "select setval(pg_get_serial_sequence('shoptwin.change_log', 'id'), 1)",
            "select shoptwin.acknowledge_changes(array[1, 2, 3]::bigint[])",
    })
    void theAppRoleCannotInsertUpdateOrDeleteChangeLogRows(String sql) throws SQLException {
        try (Connection c = asApp(); Statement s = c.createStatement()) {
            s.execute("insert into public.customers (name) values ('Pending change')"); // a change to forge over or drop
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("%s: %s", sql, e.getMessage()).isEqualTo("42501"));
        }
        try (Connection c = asApp(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from shoptwin.change_log where row_data ->> 'name' = 'forged' or id > 9000000000000000000")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void theAppRoleReadsWhatStatusShows() throws SQLException {
        try (Connection c = asApp(); Statement s = c.createStatement()) {
            for (String table : new String[] {"change_log", "parked_change", "generation", "mirror_intent", "copy_writer", "mirror_leader"}) {
                try (ResultSet rs = s.executeQuery("select count(*) from shoptwin." + table)) {
                    assertThat(rs.next()).as(table).isTrue();
                }
            }
        }
    }

    @Test
    void migratingAnUpToDateSchemaAsTheAppRoleChangesNothingAndSucceeds() {
        try (Database db = new Database(app, 2)) {
            assertThat(db.migrate().migrationsExecuted).isZero();
        }
    }

    @Test
    void runningTheScriptTwiceIsHarmless() {
        PostgresSettings again = LeastPrivilege.grantAndConnectAsApp(owner);
        assertThat(again.user()).isEqualTo(LeastPrivilege.ROLE);
    }
}
