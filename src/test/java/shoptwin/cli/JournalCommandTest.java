package shoptwin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.journal.JournaledBackupStore;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;

/** {@code shoptwin journal}: what was made on the backup, replaying it, and deciding about a conflict, on real servers. */
class JournalCommandTest {
    @TempDir
    Path dir;

    private PostgresSettings pg;
    private MongoSettings mongoSettings;
    private Database db;
    private MongoClient client;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        pg = TestDatabases.freshPostgres();
        mongoSettings = TestDatabases.freshMongo();
        db = new Database(pg);
        client = TestDatabases.mongoClient();
        assertThat(run("migrate")).isZero();
    }

    @AfterEach
    void tearDown() {
        client.close();
        db.close();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Map<String, String> env = Map.of("SUPABASE_DB_URL", pg.jdbcUrl() + "?user=" + pg.user(),
                "MONGODB_URI", mongoSettings.uri(), "MONGODB_DATABASE", mongoSettings.database());
        int code = ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private JournaledBackupStore backup() {
        return JournaledBackupStore.over(client, mongoSettings.database(), "MongoDB backup (test)", () -> "meera (console on SHOP-PC)",
                Clock.systemUTC());
    }

    @Test
    void listsWhatWaitsReplaysItAndThenItIsInSupabase() throws Exception {
        assertThat(run("journal")).isZero();
        assertThat(out).contains("The outage journal is empty");

        Customer zara = backup().createCustomer(new CustomerDraft("Zara Quinn", "+49 30 1234 5678", null, null, null));
        backup().createPayment(new PaymentDraft(zara.id(), "19.90", PaymentMethod.CASH, "T-1", null, Instant.parse("2026-11-25T10:15:30.123Z")));

        assertThat(run("journal")).isZero();
        assertThat(out).contains("pending  customers insert " + zara.id() + " (Zara Quinn)").contains("pending  payments insert")
                .contains("by meera (console on SHOP-PC)");
        assertThat(run("journal", "--json")).isZero();
        JsonNode list = new ObjectMapper().readTree(out);
        assertThat(list).hasSize(2);
        JsonNode payment = list.get(0).get("table").asText().equals("payments") ? list.get(0) : list.get(1);
        assertThat(payment.get("fields").get("amount").asText()).isEqualTo("19.90"); // exact, not a JSON number
        assertThat(payment.get("fields").get("paid_at").asText()).isEqualTo("2026-11-25T10:15:30.123Z");
        assertThat(payment.get("state").asText()).isEqualTo("pending");

        assertThat(run("journal", "replay")).isZero();
        assertThat(out).contains("Replayed: 2 applied, 0 in conflict, 0 invalid, 0 still pending.");
        try (PostgresShopStore supabase = new PostgresShopStore(db)) {
            assertThat(supabase.getCustomer(zara.id())).map(Customer::name).contains("Zara Quinn");
            assertThat(supabase.listPayments(zara.id()).total()).isEqualByComparingTo("19.90");
        }
        assertThat(run("journal", "replay")).isZero();
        assertThat(out).contains("Replayed: 0 applied"); // nothing applied twice
    }

    @Test
    void aConflictIsListedWithExitThreeAndKeepTheirsClosesIt() throws Exception {
        Customer anna;
        try (PostgresShopStore supabase = new PostgresShopStore(db)) {
            anna = supabase.createCustomer(new CustomerDraft("Anna Meyer", "+49 30 1111", null, null, null));
        }
        assertThat(run("mirror", "--once")).isZero();
        Customer seen = backup().getCustomer(anna.id()).orElseThrow();
        backup().updateCustomer(anna.id(), seen.version(), new CustomerDraft("Anna Meyer", "+49 30 2222", null, null, null));
        try (PostgresShopStore supabase = new PostgresShopStore(db)) {
            supabase.updateCustomer(anna.id(), anna.version(), new CustomerDraft("Anna Meyer", "+49 30 3333", null, null, null));
        }

        assertThat(run("journal", "replay")).isEqualTo(JournalCommand.NEEDS_DECISION);
        assertThat(out).contains("1 in conflict");
        assertThat(run("journal")).isEqualTo(JournalCommand.NEEDS_DECISION);
        assertThat(out).contains("conflict  customers update " + anna.id()).contains("phone")
                .contains("1 change(s) need a decision");
        String id = out.strip().split("\\s+", 2)[0];

        assertThat(run("journal", "resolve", id, "--keep", "sideways")).isEqualTo(2);
        assertThat(err).contains("--keep must be mine, theirs or recreate");
        assertThat(run("journal", "resolve", id, "--keep", "theirs")).isZero();
        assertThat(out).contains("Kept Supabase's");
        try (PostgresShopStore supabase = new PostgresShopStore(db)) {
            assertThat(supabase.getCustomer(anna.id()).orElseThrow().phone()).isEqualTo("+49 30 3333");
        }
        assertThat(run("journal")).isZero();
        assertThat(out).contains("decided: theirs by ");
        assertThat(run("journal", "resolve", id, "--keep", "mine")).isEqualTo(2); // decided already
    }
}
