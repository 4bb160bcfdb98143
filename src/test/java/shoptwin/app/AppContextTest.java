package shoptwin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.FailoverSettings;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.config.Theme;
import shoptwin.demo.DataDirectory;
import shoptwin.demo.SampleData;
import shoptwin.demo.DemoEnvironment;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.FailoverListener;
import shoptwin.failover.StoreMode;
import shoptwin.mirror.Verify;
import shoptwin.mirror.VerifyReport;
import shoptwin.store.CustomerQuery;
import shoptwin.testing.TestDatabases;

class AppContextTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path configDir;

    @BeforeEach
    void useTemporaryDataDirectory() {
        System.setProperty(DataDirectory.PROPERTY, dataDir.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty(DataDirectory.PROPERTY);
    }

    private Settings noConfiguration() {
        return Settings.load(java.util.Map.of(), configDir, configDir);
    }

    @Test
    void withNoConfigurationTheConsoleRunsOnTheDemoDatabasesWithASampleShop() throws Exception {
        List<String> progress = new ArrayList<>();
        try (AppContext context = AppContext.start(noConfiguration(), progress::add)) {
            assertThat(context.isDemo()).isTrue();
            assertThat(context.demo().orElseThrow().directory()).isEqualTo(dataDir.resolve("demo"));
            assertThat(context.sampleDataInserted().customers()).isEqualTo(SampleData.CUSTOMERS);
            assertThat(context.store().searchCustomers(CustomerQuery.firstPage("", 50)).total())
                    .isEqualTo(SampleData.CUSTOMERS);
            assertThat(context.store().getShop()).isPresent();
            assertThat(context.store().isReadOnly()).isFalse();
            assertThat(context.backupStore()).isPresent();
            assertThat(context.primaryDescription()).startsWith("Demo PostgreSQL");
            assertThat(progress).anyMatch(m -> m.contains("demo"));

            await().atMost(Duration.ofSeconds(30)).until(() -> context.monitor().current().supabase().isUp()
                    && context.monitor().current().mongo().isUp());
            // the mirror copies the sample shop: both sides equal, row for row
            MongoSettings mongo = context.demo().orElseThrow().mongoSettings();
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                MongoDatabase copy = client.getDatabase(mongo.database());
                await().atMost(Duration.ofSeconds(60)).until(() -> context.mirror().orElseThrow().health().backlog() == 0
                        && copy.getCollection("payments").countDocuments() == context.sampleDataInserted().payments());
                VerifyReport report = new Verify(context.database(), copy).run();
                assertThat(report.isEqual()).as(report.describe()).isTrue();
                assertThat(copy.getCollection("customers").countDocuments()).isEqualTo(SampleData.CUSTOMERS);
                assertThat(copy.getCollection("shops").countDocuments()).isEqualTo(1);
            }
            assertThat(context.failover().backupAsOf()).isPresent();
            // the status screen's Verify button runs through the context's actions
            assertThat(context.syncActions().orElseThrow().verify(shoptwin.mirror.ProgressListener.NONE, new shoptwin.status.Cancellation()).isEqual())
                    .isTrue();

            context.failover().switchToBackup();
            assertThat(context.store().isReadOnly()).as("on the backup, changes go into the outage journal").isFalse();
            assertThat(context.store().searchCustomers(CustomerQuery.firstPage("", 50)).total())
                    .isEqualTo(SampleData.CUSTOMERS);
            context.failover().switchBack();
            assertThat(context.failover().mode()).isEqualTo(StoreMode.PRIMARY);
        }

        // the second start keeps the data and adds nothing
        try (AppContext again = AppContext.start(noConfiguration(), m -> { })) {
            assertThat(again.sampleDataInserted()).isEqualTo(new SampleData.Inserted(0, 0));
            assertThat(again.store().searchCustomers(CustomerQuery.firstPage("", 10)).total())
                    .isEqualTo(SampleData.CUSTOMERS);
        }
    }

    @Test
    void whenSupabaseIsDownAtStartTheConsoleStillOpensAndOffersTheBackup() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        Settings settings = new Settings(
                Optional.of(new PostgresSettings("jdbc:postgresql://127.0.0.1:" + deadPort + "/shop", "postgres", "pw")),
                Optional.of(TestDatabases.freshMongo()), Theme.LIGHT, new FailoverSettings(1, 1, false), configDir,
                List.of());
        List<String> progress = new ArrayList<>();
        try (AppContext context = AppContext.start(settings, progress::add)) {
            assertThat(context.isDemo()).isFalse();
            assertThat(progress).anyMatch(m -> m.contains("cannot be reached"));
            await().atMost(Duration.ofSeconds(30)).until(() -> context.failover().isSupabaseDown());
            context.failover().switchToBackup();
            assertThat(context.store().searchCustomers(CustomerQuery.firstPage("", 10)).total()).isZero();
            assertThat(context.store().describe()).startsWith("MongoDB backup (127.0.0.1:");
        }
    }

    @Test
    void onAWebAppsTablesTheConsoleSaysToAdoptThemAndChangesNothingThenOpensOnceAdopted() {
        PostgresSettings pg = TestDatabases.freshPostgres();
        shoptwin.testing.WebAppSchema.create(pg);
        Settings settings = new Settings(Optional.of(pg), Optional.empty(), Theme.LIGHT, new FailoverSettings(5, 3, false),
                configDir, List.of());
        // what the start-up pane shows (ShopTwinApp: UiErrors.userMessage of the start-up failure)
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> AppContext.start(settings, m -> { }));
        assertThat(shoptwin.ui.common.UiErrors.userMessage(failure))
                .startsWith("public.shop and public.customers already exist and ShopTwin did not create them: nothing was changed.")
                .contains("Run \"shoptwin adopt\"");
        assertThat(shoptwin.testing.Sql.count(pg, "select count(*) from pg_namespace where nspname = 'shoptwin'")).isZero();

        try (shoptwin.store.postgres.Database db = new shoptwin.store.postgres.Database(pg, 2)) {
            new shoptwin.store.postgres.Adoption(db).apply();
        }
        try (AppContext context = AppContext.start(settings, m -> { })) {
            assertThat(context.store().searchCustomers(CustomerQuery.firstPage("", 50)).total())
                    .isEqualTo(shoptwin.testing.WebAppSchema.CUSTOMERS);
        }
    }

    @Test
    void theOutageDrillSwitchesToTheBackupAndBackAndLosesNothing() throws Exception {
        Settings fast = Settings.load(java.util.Map.of("SHOPTWIN_PROBE_INTERVAL_SECONDS", "1",
                "SHOPTWIN_FAILURE_THRESHOLD", "2"), configDir, configDir);
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AppContext context = AppContext.start(fast, m -> { })) {
            DemoEnvironment demo = context.demo().orElseThrow();
            context.failover().addListener(new FailoverListener() {
                @Override
                public void supabaseDown(ConnectionStatus status) {
                    events.add("down");
                }

                @Override
                public void supabaseBackUp(ConnectionStatus status) {
                    events.add("up");
                }
            });
            // the sample shop has reached the copy
            await().atMost(Duration.ofSeconds(60)).until(() -> context.mirror().orElseThrow().health().lastSuccessAt() != null
                    && context.mirror().orElseThrow().health().backlog() == 0
                    && context.monitor().current().supabase().isUp());

            // MongoDB away: edits still work, the backlog waits in the change log
            demo.stopMongo();
            Customer added = context.store().createCustomer(new CustomerDraft("Drill Customer", null, null, null, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> context.mirror().orElseThrow().health().backlog() > 0);
            demo.startMongo();
            await().atMost(Duration.ofSeconds(60)).until(() -> context.mirror().orElseThrow().health().backlog() == 0);

            // Supabase away: the banner is offered, one click reads the copy (which has the new customer)
            demo.stopPostgres();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("down"));
            context.failover().switchToBackup();
            assertThat(context.store().getCustomer(added.id())).contains(added);
            assertThat(context.store().isReadOnly()).as("on the backup, changes go into the outage journal").isFalse();

            demo.startPostgres();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("up"));
            context.failover().switchBack();
            // an edit made after switching back reaches the copy too
            Customer edited = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    context.store().updateCustomer(added.id(), added.version(),
                            new CustomerDraft("Drill Customer (edited)", null, null, null, null)), c -> c != null);
            MongoSettings mongo = demo.mongoSettings();
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                MongoDatabase copy = client.getDatabase(mongo.database());
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    org.bson.Document d = copy.getCollection("customers")
                            .find(new org.bson.Document("_id", edited.id().toString())).first();
                    return d != null && "Drill Customer (edited)".equals(d.getString("name"));
                });
                await().atMost(Duration.ofSeconds(60)).until(() -> context.mirror().orElseThrow().health().backlog() == 0);
                VerifyReport report = new Verify(context.database(), copy).run();
                assertThat(report.isEqual()).as(report.describe()).isTrue();
            }
        }
    }

    @Test
    void aSchemaNotMigratedBecauseSupabaseWasDownIsMigratedWhenItAnswers() {
        try (DemoEnvironment servers = DemoEnvironment.start(dataDir.resolve("servers"), m -> { })) {
            servers.stopPostgres();
            Settings settings = new Settings(Optional.of(servers.postgresSettings()), Optional.of(servers.mongoSettings()),
                    Theme.LIGHT, new FailoverSettings(1, 1, false), configDir, List.of());
            try (AppContext context = AppContext.start(settings, m -> { })) {
                await().atMost(Duration.ofSeconds(30)).until(() -> context.failover().isSupabaseDown());
                servers.startPostgres();
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> context.database().schemaVersion() != null
                                && !context.failover().isSupabaseDown());
                Customer created = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                        context.store().createCustomer(new CustomerDraft("After the outage", null, null, null, null)),
                        c -> c != null);
                assertThat(context.store().getCustomer(created.id())).contains(created);
            }
        }
    }
}
