package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import shoptwin.config.SupabaseUrl;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.ValidationException;
import shoptwin.store.CustomerQuery;
import shoptwin.store.StoreUnavailableException;

/** A database that cannot be reached is reported in one masked sentence; so are refused statements. */
class UnreachableDatabaseTest {
    private static final String SECRET = "Un1queS3cretPw";

    private static Database refusedPort() {
        // port 1 on loopback: nothing listens, the connection is refused at once
        return new Database(SupabaseUrl.parse("postgresql://postgres.ref:" + SECRET + "@127.0.0.1:1/postgres").settings(),
                2, Duration.ofMillis(500));
    }

    @Test
    void pingMigrateAndStoreCallsReportUnavailableWithoutThePassword() {
        try (Database db = refusedPort(); PostgresShopStore store = new PostgresShopStore(db)) {
            for (Runnable call : new Runnable[] {
                db::ping,
                db::migrate,
                () -> store.searchCustomers(CustomerQuery.firstPage("", 10)),
                () -> store.createCustomer(new CustomerDraft("Asha", null, null, null, null)),
                () -> store.getCustomer(UUID.randomUUID()),
            }) {
                assertThatThrownBy(call::run)
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessage("cannot reach Supabase at 127.0.0.1:1/postgres: connection refused")
                        .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));
            }
            assertThat(store.describe()).isEqualTo("PostgreSQL (127.0.0.1:1/postgres)");
        }
    }

    @Test
    void invalidDraftIsRefusedBeforeAnyConnectionIsTried() {
        try (Database db = refusedPort(); PostgresShopStore store = new PostgresShopStore(db)) {
            assertThatThrownBy(() -> store.createCustomer(new CustomerDraft("", null, null, null, null)))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void checkViolationFromAnotherWriterNamesTheColumn() throws Exception {
        try (Database db = ShopTables.migratedDatabase(); Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement()) {
            SQLException failure = null;
            try {
                s.executeUpdate("insert into public.customers (name, phone) values ('Ok', '" + "9".repeat(40) + "')");
            } catch (SQLException e) {
                failure = e;
            }
            assertThat((Object) failure).isNotNull();
            RuntimeException translated = SqlErrors.translate(failure, db.settings(), "Customer");
            assertThat((Object) translated).isInstanceOfSatisfying(ValidationException.class,
                    v -> assertThat(v.hasErrorFor("phone")).isTrue());
        }
    }

    @Test
    void connectionCheckReportsSuccessOrOneMaskedReason() {
        try (Database db = ShopTables.migratedDatabase()) {
            String url = db.settings().jdbcUrl().replace("jdbc:postgresql://", "postgresql://postgres:[YOUR-PASSWORD]@");
            assertThat(SupabaseCheck.test(url, SECRET)).startsWith("Connected to PostgreSQL (localhost:")
                    .contains("schema version").doesNotContain(SECRET);
        }
        assertThatThrownBy(() -> SupabaseCheck.test("postgresql://postgres@127.0.0.1:1/postgres", SECRET))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("cannot reach Supabase at 127.0.0.1:1/postgres: connection refused");
        assertThatThrownBy(() -> SupabaseCheck.test("http://nope", SECRET))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("SUPABASE_DB_URL");
    }

    @Test
    void supabaseHostIsDescribedAsSupabase() {
        assertThat(Database.describe(SupabaseUrl.parse("postgresql://postgres:" + SECRET
                + "@db.abcdefgh.supabase.co:5432/postgres").settings())).isEqualTo("Supabase (db.abcdefgh.supabase.co)");
    }
}
