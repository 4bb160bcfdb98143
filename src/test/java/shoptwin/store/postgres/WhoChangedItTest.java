package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.config.PostgresSettings;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.Staff;
import shoptwin.store.history.Actor;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;

/**
 * The change log records who wrote each change (issue 16, "Who"), on the Supabase-shaped database: the console's
 * staff name, plain SQL's role and application, and a write through the Data API with its JWT.
 */
class WhoChangedItTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PostgresSettings pg = TestDatabases.freshPostgres();
    private final Database db = migrated(pg);
    @AutoClose
    private final PostgresShopStore store = new PostgresShopStore(db, true);

    private static Database migrated(PostgresSettings pg) {
        Database db = new Database(pg, 2);
        db.migrate();
        return db;
    }

    private JsonNode lastActor() throws Exception {
        return JSON.readTree(Sql.one(pg, "select actor::text from shoptwin.change_log order by id desc limit 1"));
    }

    private static Actor actorOf(JsonNode a) {
        return new Actor(text(a, "staff"), text(a, "host"), text(a, "via"), text(a, "user"), text(a, "app"), text(a, "sub"),
                text(a, "role"), text(a, "email"));
    }

    private static String text(JsonNode a, String field) {
        return a.hasNonNull(field) ? a.get(field).asText() : null;
    }

    private Connection connect(PostgresSettings as, String applicationName) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", as.user());
        if (as.password() != null) {
            p.setProperty("password", as.password());
        }
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(as.jdbcUrl(), p);
    }

    @Test
    void theConsoleRecordsThePersonChosenInSettingsOnEachWriteTransaction() throws Exception {
        store.setStaff(new Staff("Asha", "SHOP-PC", Staff.CONSOLE));
        Customer c = store.createCustomer(new CustomerDraft("Ravi Kumar", null, null, null, null));
        JsonNode a = lastActor();
        assertThat(text(a, "staff")).isEqualTo("Asha");
        assertThat(text(a, "host")).isEqualTo("SHOP-PC");
        assertThat(text(a, "via")).isEqualTo("console");
        assertThat(text(a, "user")).isEqualTo("project_owner");
        assertThat(text(a, "app")).isEqualTo("ShopTwin");
        assertThat(actorOf(a).label()).isEqualTo("Asha (console on SHOP-PC)");

        store.setStaff(new Staff("Meera", "TILL-2", Staff.CONSOLE));
        store.createPayment(new PaymentDraft(c.id(), "12.50", PaymentMethod.CASH, null, null, Instant.now()));
        assertThat(actorOf(lastActor()).label()).isEqualTo("Meera (console on TILL-2)");
    }

    @Test
    void theStaffNameIsLocalToTheConsolesTransactionAndNeverReachesAnotherWriter() throws Exception {
        store.setStaff(new Staff("Asha", "SHOP-PC", Staff.CONSOLE));
        store.createCustomer(new CustomerDraft("First", null, null, null, null));
        // the same pooled connections, used by plain SQL afterwards (as a transaction pooler would hand them on)
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into public.customers (name) values ('Second')");
        }
        JsonNode a = lastActor();
        assertThat(a.has("staff")).as(a.toString()).isFalse();
        assertThat(actorOf(a).label()).isEqualTo("ShopTwin (project_owner)");
    }

    @Test
    void plainSqlIsAttributedToItsRoleAndApplication() throws Exception {
        try (Connection c = connect(pg, "psql"); Statement s = c.createStatement()) {
            s.execute("insert into public.customers (name) values ('Typed in psql')");
        }
        assertThat(actorOf(lastActor()).label()).isEqualTo("psql (project_owner)");

        try (Connection c = connect(pg, "postgres-meta 0.84.2"); Statement s = c.createStatement()) {
            s.execute("update public.customers set notes = 'edited in Studio'");
        }
        assertThat(actorOf(lastActor()).label()).isEqualTo("Supabase Studio (project_owner)");

        try (Connection c = connect(pg, ""); Statement s = c.createStatement()) {
            s.execute("update public.customers set notes = 'no name'");
        }
        assertThat(actorOf(lastActor()).label()).isEqualTo("SQL (project_owner)");
    }

    @Test
    void aDataApiWriteRecordsTheSignedInUserFromTheJwt() throws Exception {
        Sql.run(pg, "create policy \"staff add customers\" on public.customers for insert to authenticated with check (true)");
        try (Connection c = connect(TestDatabases.as(pg, "authenticator"), "PostgREST 12.2.3")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local role authenticated");
                s.execute("set local request.jwt.claims = '{\"sub\":\"8f2e6a1c-3b4d-4e5f-8a9b-0c1d2e3f4a5b\",\"role\":\"authenticated\","
                        + "\"email\":\"ravi@shop.example\"}'");
                s.execute("insert into public.customers (name) values ('Added in the web app')");
            }
            c.commit();
        }
        JsonNode a = lastActor();
        assertThat(text(a, "user")).isEqualTo("authenticated");
        assertThat(text(a, "sub")).isEqualTo("8f2e6a1c-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(text(a, "role")).isEqualTo("authenticated");
        assertThat(text(a, "app")).isEqualTo("PostgREST 12.2.3");
        assertThat(actorOf(a).label()).isEqualTo("web app: ravi@shop.example (authenticated)");

        // the web app's own server with the service key, no signed-in user
        try (Connection c = connect(TestDatabases.as(pg, "authenticator"), "PostgREST 12.2.3")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local role service_role");
                s.execute("set local request.jwt.claims = '{\"role\":\"service_role\"}'");
                s.execute("update public.customers set notes = 'from the server'");
            }
            c.commit();
        }
        assertThat(actorOf(lastActor()).label()).isEqualTo("web app (service_role)");
    }

    @Test
    void malformedClaimsNeverStopTheWrite() throws Exception {
        try (Connection c = connect(pg, "psql")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local request.jwt.claims = 'not json at all {'");
                s.execute("insert into public.customers (name) values ('Still saved')");
            }
            c.commit();
        }
        assertThat(Sql.count(pg, "select count(*) from public.customers")).isEqualTo(1);
        assertThat(actorOf(lastActor()).label()).isEqualTo("psql (project_owner)");
    }

    @Test
    void aDeleteKeepsTheRowItRemovedAndACustomersPaymentsGoInTheSameTransaction() throws Exception {
        Customer c = store.createCustomer(new CustomerDraft("Asha Rao", "0123456789", null, null, null));
        store.createPayment(new PaymentDraft(c.id(), "10.00", PaymentMethod.CASH, null, null, Instant.now()));
        store.createPayment(new PaymentDraft(c.id(), "20.00", PaymentMethod.CARD, null, null, Instant.now()));
        store.deleteCustomer(c.id());

        List<String> deletes = Sql.column(pg, "select table_name || ' ' || (before->>'id') || ' ' || coalesce(before->>'name', before->>'amount')"
                + " from shoptwin.change_log where op = 'DELETE' order by id");
        assertThat(deletes).hasSize(3).contains("customers " + c.id() + " Asha Rao");
        assertThat(Sql.count(pg, "select count(distinct xact) from shoptwin.change_log where op = 'DELETE'"))
                .as("the customer and their payments went in one transaction").isEqualTo(1);
        assertThat(Sql.count(pg, "select count(*) from shoptwin.change_log where op <> 'DELETE' and before is not null")).isZero();
    }
}
