package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.PostgresSettings;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ShopDraft;
import shoptwin.store.CustomerQuery;
import shoptwin.testing.SchemaSnapshot;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;
import shoptwin.testing.WebAppSchema;

/** A shop whose web app made customers and shop before ShopTwin: migrate refuses, adopt takes them over. */
class AdoptionTest {
    private static final String NEWEST = MigrationNumberingTest.newestVersion();
    @TempDir
    Path dir;

    private final PostgresSettings owner = TestDatabases.freshPostgres();

    private Map<String, String> customerRows() {
        return WebAppSchema.rowChecksums(owner, "public.customers", WebAppSchema.CUSTOMER_COLUMNS);
    }

    private Map<String, String> shopRows() {
        return WebAppSchema.rowChecksums(owner, "public.shop", WebAppSchema.SHOP_COLUMNS);
    }

    private List<String> schemas() {
        return Sql.column(owner, "select nspname from pg_namespace where nspname not like 'pg_%' order by 1");
    }

    @Test
    void migrateOnTheWebAppsTablesChangesNothingAndNamesThem() {
        WebAppSchema.create(owner);
        Map<String, String> customers = customerRows();
        Map<String, String> shop = shopRows();
        Map<String, List<String>> schema = SchemaSnapshot.of(owner);
        List<String> schemas = schemas();
        try (Database db = new Database(owner, 2)) {
            assertThatThrownBy(db::migrate).isInstanceOf(ExistingTablesException.class)
                    .hasMessage("public.shop and public.customers already exist and ShopTwin did not create them: nothing was changed."
                            + " Run \"shoptwin adopt\" to see what ShopTwin would add to them (\"shoptwin adopt --apply\" does it).");
        }
        assertThat(customerRows()).hasSize(WebAppSchema.CUSTOMERS).isEqualTo(customers);
        assertThat(shopRows()).isEqualTo(shop);
        assertThat(SchemaSnapshot.of(owner)).isEqualTo(schema);
        assertThat(schemas()).as("not even ShopTwin's schema or Flyway's history").isEqualTo(schemas).doesNotContain("shoptwin");
    }

    @Test
    void thePlanSaysWhatAdoptingAddsAndChangesNothing() {
        WebAppSchema.create(owner);
        Map<String, String> customers = customerRows();
        Map<String, List<String>> schema = SchemaSnapshot.of(owner);
        AdoptionPlan plan;
        try (Database db = new Database(owner, 2)) {
            plan = new Adoption(db).plan();
        }
        String text = plan.describe();
        assertThat(plan.outcome()).as(text).isEqualTo(AdoptionPlan.Outcome.ADOPTABLE);
        assertThat(plan.problems()).isEmpty();
        assertThat(text).contains(
                "ShopTwin would adopt public.shop and public.customers and create public.payments. Nothing has been changed yet.",
                "public.customers (yours: 40 rows; columns id, name, email, phone, total_due, tags, created_at)",
                "your columns total_due, tags (copied to MongoDB with the rest)",
                "your index customers_email_lower_idx",
                "+ column updated_at timestamp with time zone not null default now() (existing rows: the time of adoption)",
                "+ column version bigint not null default 1 (existing rows: 1)",
                "+ column name_sort text, computed from lower(name)",
                "+ not null on created_at (no row lacks it)",
                "+ check customers_email_check: CHECK ((char_length(email) <= 254)), NOT VALID",
                "1 existing row violates customers_email_check: it stays as it is; new and changed rows must satisfy it",
                "rows have created_at with microseconds",
                "+ trigger customers_capture: writes every insert, update and delete into shoptwin.change_log",
                "+ row level security: on, with no policy for anon or authenticated",
                "public.payments (does not exist)",
                "public.shop (yours: 1 row; columns id, name, phone)",
                "+ column currency text not null default 'USD'::text",
                "+ index shop_one_row",
                "can read and write public.shop and public.customers",
                "your web app will read no row there and write none",
                "create policy shoptwin_kept_web_access on public.customers for all to anon, authenticated using (true) with check (true)",
                "recorded as ShopTwin's schema at version " + NEWEST,
                "Nothing is dropped or renamed, and no value in your rows changes");
        assertThat(customerRows()).isEqualTo(customers);
        assertThat(SchemaSnapshot.of(owner)).isEqualTo(schema);
        assertThat(schemas()).doesNotContain("shoptwin");
    }

    @Test
    void applyKeepsEveryOriginalValueAndAddsShopTwinsBookkeeping() {
        WebAppSchema.create(owner);
        Map<String, String> customers = customerRows();
        Map<String, String> shop = shopRows();
        Map<String, String> orders = WebAppSchema.rowChecksums(owner, "public.orders", List.of("id", "customer_id", "total"));
        try (Database db = new Database(owner, 2)) {
            AdoptionPlan plan = new Adoption(db).apply();
            assertThat(plan.outcome()).as(plan.describe()).isEqualTo(AdoptionPlan.Outcome.ADOPTED);
            assertThat(plan.describe()).startsWith("Adopted public.shop and public.customers and created public.payments, in one transaction.");

            assertThat(db.schemaVersion()).isEqualTo(NEWEST);
            assertThat(db.migrate().migrationsExecuted).as("migrate afterwards: up to date").isZero();
        }
        assertThat(customerRows()).as("every original value of every row").isEqualTo(customers);
        assertThat(shopRows()).isEqualTo(shop);
        assertThat(WebAppSchema.rowChecksums(owner, "public.orders", List.of("id", "customer_id", "total"))).isEqualTo(orders);
        assertThat(Sql.one(owner, "select confrelid::regclass::text from pg_constraint where conrelid = 'public.orders'::regclass"
                + " and contype = 'f'")).as("their orders still point at their customers").isEqualTo("customers");
        assertThat(Sql.column(owner, "select tgname from pg_trigger where tgrelid = 'public.customers'::regclass and not tgisinternal"
                + " order by 1")).containsExactly("customers_capture", "customers_no_truncate", "customers_stamp", "customers_totals");
        assertThat(Sql.count(owner, "select count(*) from public.customers c left join shoptwin.customer_totals t"
                + " on t.customer_id = c.id where t.customer_id is null")).as("every adopted customer has its totals row").isZero();
        assertThat(Sql.column(owner, "select relname || ' ' || relrowsecurity from pg_class where oid in"
                + " ('public.customers'::regclass, 'public.payments'::regclass, 'public.shop'::regclass) order by 1"))
                .containsExactly("customers true", "payments true", "shop true");
        assertThat(Sql.one(owner, "select convalidated::text from pg_constraint where conname = 'customers_email_check'")).isEqualTo("false");
        assertThat(Sql.one(owner, "select confrelid::regclass::text from pg_constraint where conname = 'payments_customer_id_fkey'"))
                .isEqualTo("customers");
        // ShopTwin's own objects are exactly what migrate builds
        PostgresSettings fresh = TestDatabases.freshPostgres();
        try (Database db = new Database(fresh, 2)) {
            db.migrate();
        }
        assertThat(SchemaSnapshot.functions(owner)).isEqualTo(SchemaSnapshot.functions(fresh));
        assertThat(Sql.column(owner, "select type || ' ' || version from shoptwin.flyway_schema_history order by installed_rank"))
                .first().isEqualTo("BASELINE " + NEWEST);
    }

    @Test
    void theConsolesStoreWorksOnTheAdoptedTablesAndEveryChangeIsCaptured() throws Exception {
        WebAppSchema.create(owner);
        try (Database db = new Database(owner, 4)) {
            new Adoption(db).apply();
            try (PostgresShopStore store = new PostgresShopStore(db)) {
                assertThat(store.searchCustomers(CustomerQuery.firstPage("Customer 1", 50)).total()).isEqualTo(11);
                Customer theirs = store.getCustomer(java.util.UUID.fromString("00000000-0000-4000-8000-000000000003")).orElseThrow();
                assertThat(theirs.version()).isEqualTo(1);
                Customer edited = store.updateCustomer(theirs.id(), theirs.version(),
                        new CustomerDraft(theirs.name(), "+91 98000 00003", theirs.email(), "Dadar, Mumbai", null));
                assertThat(edited.version()).isEqualTo(2);
                Customer added = store.createCustomer(new CustomerDraft("Walk-in Customer", null, null, null, null));
                store.createPayment(new PaymentDraft(added.id(), "99.50", PaymentMethod.CASH, null, null, java.time.Instant.now()));
                store.saveShop(store.getShop().orElseThrow().version(), new ShopDraft("Sharma General Store", "R. Sharma", null, null, null,
                        "INR", "Asia/Kolkata", null, null));
                assertThat(Sql.one(owner, "select total_due || ' ' || tags::text from public.customers where id = '" + added.id() + "'"))
                        .as("their defaults apply to a customer the console adds").isEqualTo("0.00 {}");
                assertThat(Sql.one(owner, "select total_due || ' ' || tags::text from public.customers where id = '" + theirs.id() + "'"))
                        .as("their values stay when the console edits a row").isEqualTo("30.75 {regular}");
            }
        }
        assertThat(Sql.column(owner, "select table_name || ' ' || op from shoptwin.change_log order by id"))
                .containsExactly("customers UPDATE", "customers INSERT", "payments INSERT", "shop UPDATE");
        assertThat(Sql.one(owner, "select row_data->>'total_due' || ' ' || (row_data->'tags')::text from shoptwin.change_log"
                + " where op = 'UPDATE' and table_name = 'customers'")).as("their columns are captured too").isEqualTo("30.75 [\"regular\"]");
    }

    @Test
    void theDataApiReadsNothingAfterAdoptingUnlessTheOwnerKeepsItsAccess() throws Exception {
        WebAppSchema.create(owner);
        assertThat(anonCount("public.customers")).as("before: the web app reads with the anon key").isEqualTo(WebAppSchema.CUSTOMERS);
        try (Database db = new Database(owner, 2)) {
            new Adoption(db).apply();
        }
        assertThat(anonCount("public.customers")).isZero();
        assertThat(anonCount("public.shop")).isZero();

        PostgresSettings kept = TestDatabases.freshPostgres();
        WebAppSchema.create(kept);
        try (Database db = new Database(kept, 2)) {
            AdoptionPlan plan = new Adoption(db).keepWebAccess(true).apply();
            assertThat(plan.describe()).contains("--keep-web-access: these policies keep the access anon and authenticated have today");
        }
        try (Connection c = Sql.connect(TestDatabases.as(kept, "authenticator")); Statement s = c.createStatement()) {
            s.execute("set role anon");
            try (ResultSet rs = s.executeQuery("select count(*) from public.customers")) {
                rs.next();
                assertThat(rs.getInt(1)).as("--keep-web-access: as before").isEqualTo(WebAppSchema.CUSTOMERS);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from public.payments")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThatThrownBy(() -> s.executeQuery("select count(*) from shoptwin.change_log")).hasMessageContaining("permission denied");
        }
    }

    private long anonCount(String table) throws Exception {
        try (Connection c = Sql.connect(TestDatabases.as(owner, "authenticator")); Statement s = c.createStatement()) {
            s.execute("set role anon");
            try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void laterMigrationsRunNormallyOnAnAdoptedSchema() throws Exception {
        WebAppSchema.create(owner);
        try (Database db = new Database(owner, 2)) {
            new Adoption(db).apply();
            Path later = Files.createDirectories(dir.resolve("later"));
            Files.writeString(later.resolve("V900__loyalty_points.sql"),
                    "alter table public.customers add column loyalty_points integer not null default 0;");
            assertThat(SchemaMigration.forMigrate(db.dataSource(), SchemaMigration.LOCATION + ",filesystem:" + later).migrate()
                    .migrationsExecuted).isEqualTo(1);
        }
        assertThat(Sql.count(owner, "select count(*) from public.customers where loyalty_points = 0")).isEqualTo(WebAppSchema.CUSTOMERS);
    }

    @Test
    void anAdoptionCommittedButNotRecordedIsRecordedByApplyingAgain() {
        WebAppSchema.create(owner);
        try (Database db = new Database(owner, 2)) {
            new Adoption(db).apply();
        }
        // as if the process had stopped between the commit and Flyway's baseline
        Sql.run(owner, "drop table shoptwin.flyway_schema_history");
        try (Database db = new Database(owner, 2)) {
            assertThatThrownBy(db::migrate).isInstanceOf(ExistingTablesException.class);
            assertThat(new Adoption(db).plan().outcome()).isEqualTo(AdoptionPlan.Outcome.NOT_RECORDED);
            AdoptionPlan plan = new Adoption(db).apply();
            assertThat(plan.outcome()).isEqualTo(AdoptionPlan.Outcome.RECORDED);
            assertThat(plan.describe()).startsWith("Recorded the schema as ShopTwin's at version " + NEWEST);
            assertThat(db.schemaVersion()).isEqualTo(NEWEST);
            assertThat(db.migrate().migrationsExecuted).isZero();
        }
    }

    @Test
    void theWebAppsOwnStampingTriggerIsKeptAndThePlanSaysItShouldGo() {
        Sql.run(owner, "create table public.customers (id uuid primary key default gen_random_uuid(), name text not null,"
                        + " updated_at timestamptz default now())",
                "create function public.handle_updated_at() returns trigger language plpgsql as $$ begin new.updated_at := now();"
                        + " return new; end $$",
                "create trigger handle_updated_at before update on public.customers for each row execute function public.handle_updated_at()");
        try (Database db = new Database(owner, 2)) {
            AdoptionPlan plan = new Adoption(db).plan();
            assertThat(plan.describe()).contains("your trigger handle_updated_at (still runs; changes it makes are copied too)",
                    "! your trigger handle_updated_at also changes rows before they are written: if it sets created_at, updated_at or"
                            + " version, drop it after adopting");
        }
    }

    @Test
    void aRequiredColumnTheirRowsLackIsAddedWithACheckNotValid() {
        Sql.run(owner, "create table public.shop (id uuid primary key default gen_random_uuid(), phone text)",
                "insert into public.shop (phone) values ('+91 22 2345 6789')");
        try (Database db = new Database(owner, 2)) {
            AdoptionPlan plan = new Adoption(db).apply();
            assertThat(plan.outcome()).as(plan.describe()).isEqualTo(AdoptionPlan.Outcome.ADOPTED);
            assertThat(plan.describe()).contains("+ column name text\n", "+ check shop_name_not_null: CHECK (name IS NOT NULL), NOT VALID",
                    "1 existing row has no name: it stays as it is; new and changed rows must have one");
        }
        assertThat(Sql.one(owner, "select coalesce(name, 'none') || ' ' || phone from public.shop")).isEqualTo("none +91 22 2345 6789");
        assertThatThrownBy(() -> Sql.run(owner, "update public.shop set phone = '+91 22 0000 0000'"))
                .hasMessageContaining("shop_name_not_null");
    }

    @Test
    void aPrimaryKeyThatIsNotAUuidCannotBeAdoptedAndNothingChanges() {
        Sql.run(owner, "create table public.customers (id bigint generated always as identity primary key, name text not null)",
                "insert into public.customers (name) values ('Asha'), ('Ravi')");
        assertCannotAdopt("public.customers: its primary key id is bigint; ShopTwin needs a uuid there");
    }

    @Test
    void aColumnOfTheSameNameWithAnotherTypeCannotBeAdopted() {
        Sql.run(owner, "create table public.customers (id uuid primary key, name text not null, phone bigint)",
                "insert into public.customers values (gen_random_uuid(), 'Asha', 919876543210)");
        assertCannotAdopt("public.customers: column phone is bigint; ShopTwin needs text there (convert or rename your column first)");
    }

    @Test
    void aShopTableWithSeveralRowsCannotBeAdopted() {
        Sql.run(owner, "create table public.shop (id uuid primary key default gen_random_uuid(), name text not null)",
                "insert into public.shop (name) values ('Branch one'), ('Branch two')");
        assertCannotAdopt("public.shop: cannot add unique index shop_one_row");
    }

    private void assertCannotAdopt(String problem) {
        Map<String, List<String>> schema = SchemaSnapshot.of(owner);
        List<String> rows = Sql.column(owner, "select t::text from public." + (problem.startsWith("public.shop") ? "shop" : "customers")
                + " t order by 1");
        try (Database db = new Database(owner, 2)) {
            AdoptionPlan plan = new Adoption(db).apply();
            assertThat(plan.outcome()).isEqualTo(AdoptionPlan.Outcome.CANNOT_ADOPT);
            assertThat(plan.problems()).anyMatch(p -> p.startsWith(problem));
            assertThat(plan.describe()).startsWith("ShopTwin cannot adopt these tables, and nothing has been changed:");
            assertThat(db.schemaVersion()).isNull();
        }
        assertThat(SchemaSnapshot.of(owner)).isEqualTo(schema);
        assertThat(Sql.column(owner, "select t::text from public." + (problem.startsWith("public.shop") ? "shop" : "customers")
                + " t order by 1")).isEqualTo(rows);
        assertThat(schemas()).doesNotContain("shoptwin");
    }

    @Test
    void onShopTwinsOwnSchemaOrAnEmptyDatabaseThereIsNothingToAdopt() {
        try (Database db = new Database(owner, 2)) {
            assertThat(new Adoption(db).plan().outcome()).isEqualTo(AdoptionPlan.Outcome.NO_TABLES);
            db.migrate();
            AdoptionPlan plan = new Adoption(db).apply();
            assertThat(plan.outcome()).isEqualTo(AdoptionPlan.Outcome.ALREADY_SHOPTWINS);
            assertThat(plan.describe()).contains("nothing to adopt", "version " + NEWEST);
        }
    }
}
