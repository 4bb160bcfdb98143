package shoptwin.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.postgres.AdoptionPlan.Outcome;

/**
 * {@code shoptwin adopt}: makes a web app's existing shop tables ShopTwin's without touching their rows.
 *
 * <p>How, in one transaction: their tables step aside (renamed), ShopTwin's own migrations run exactly as
 * they would on a fresh database (so the target is always what migrate builds, never a second copy of the
 * schema), each of ShopTwin's fresh tables is compared with theirs in PostgreSQL's own words, the fresh
 * copies are dropped, theirs come back under their names and get what they lack (columns, constraints,
 * indexes, triggers, row level security). A checksum of every row's original columns is compared before
 * and after. The plan is the same transaction rolled back; {@code --apply} commits it and records the
 * schema as ShopTwin's (a Flyway baseline at the newest version), so that migrate runs later migrations
 * as usual.
 */
public final class Adoption {
    private static final Logger log = LoggerFactory.getLogger(Adoption.class);
    private static final String ASIDE = "shoptwin_adopting_";
    private static final String DATA_API_ROLES = "array['anon', 'authenticated']";

    private final Database database;
    private boolean keepWebAccess;

    public Adoption(Database database) {
        this.database = database;
    }

    /** Adds permissive policies that keep what anon and authenticated may do today on the adopted tables. */
    public Adoption keepWebAccess(boolean keep) {
        this.keepWebAccess = keep;
        return this;
    }

    /** What adopting would do; nothing is changed. */
    public AdoptionPlan plan() {
        return run(false);
    }

    /** Adopts (if nothing stands in the way) and records the schema as ShopTwin's. */
    public AdoptionPlan apply() {
        AdoptionPlan plan = run(true);
        if (plan.outcome() == Outcome.ADOPTED) {
            record(plan.version());
        }
        return plan;
    }

    private AdoptionPlan run(boolean apply) {
        List<MigrationInfo> migrations = migrations();
        String version = migrations.stream().filter(m -> m.getVersion() != null).reduce((a, b) -> b)
                .map(m -> m.getVersion().getVersion()).orElseThrow();
        try (Connection c = database.openSessionConnection()) {
            c.setAutoCommit(false);
            try {
                AdoptionPlan plan = adopt(c, migrations, version);
                plan.version = version;
                plan.keepWebAccess = keepWebAccess;
                if (apply && plan.canApply()) {
                    c.commit();
                    if (plan.outcome == Outcome.ADOPTABLE) {
                        plan.outcome = Outcome.ADOPTED;
                        log.info("Adopted {}", plan.tables().stream().map(AdoptionPlan.Table::name).collect(Collectors.joining(", ")));
                    } else {
                        record(version);
                        plan.outcome = Outcome.RECORDED;
                    }
                } else {
                    c.rollback();
                }
                return plan;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.isConnectionFailure(e) ? SqlErrors.unavailable(e, database.settings())
                    : SchemaMigration.describe(e, "adopt failed, nothing was changed", database.settings());
        }
    }

    private AdoptionPlan adopt(Connection c, List<MigrationInfo> migrations, String version) throws SQLException {
        TableAdoption.execute(c, "set local lock_timeout = '10s'");
        if (ExistingTables.recordedByShopTwin(c)) {
            AdoptionPlan plan = new AdoptionPlan(Outcome.ALREADY_SHOPTWINS);
            return plan;
        }
        List<String> present = ExistingTables.present(c);
        if (present.isEmpty()) {
            return new AdoptionPlan(Outcome.NO_TABLES);
        }
        List<String> leftovers = shopTwinSchemaContents(c);
        if (leftovers.contains("change_log")) {
            return notRecorded(c, present);
        }
        AdoptionPlan plan = new AdoptionPlan(Outcome.ADOPTABLE);
        if (!leftovers.isEmpty() && !leftovers.equals(List.of("flyway_schema_history"))) {
            plan.problems.add("schema shoptwin already holds " + String.join(", ", leftovers)
                    + " but no ShopTwin migration history: it is not ShopTwin's (rename it first)");
            plan.outcome = Outcome.CANNOT_ADOPT;
            return plan;
        }
        Map<String, TableShape> theirs = new LinkedHashMap<>();
        for (String table : ExistingTables.SHOP_TABLES) {
            String name = "public." + table;
            AdoptionPlan.Table report = new AdoptionPlan.Table(name, present.contains(name));
            plan.tables.add(report);
            if (report.existed) {
                TableShape shape = TableShape.read(c, name).orElseThrow();
                theirs.put(table, shape);
                inspect(c, shape, report);
            }
        }
        if (!plan.problems().isEmpty()) {
            plan.outcome = Outcome.CANNOT_ADOPT;
            return plan;
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        Map<String, String> indexesAside = new LinkedHashMap<>(); // the name it has while aside → its own name
        for (Map.Entry<String, TableShape> e : theirs.entrySet()) {
            checksums.put(e.getKey(), checksum(c, e.getValue()));
            TableAdoption.execute(c, "alter table public." + e.getKey() + " rename to " + ASIDE + e.getKey());
            // index names are the schema's: theirs step aside too, or ShopTwin's migration creating one of the same
            // name (customers_email_lower_idx, say) would fail beside them
            for (TableShape.Index i : e.getValue().indexes()) {
                if (!i.backsConstraint()) {
                    String aside = ASIDE + "index_" + (indexesAside.size() + 1);
                    TableAdoption.execute(c, "alter index public." + TableShape.quote(i.name()) + " rename to " + aside);
                    indexesAside.put(aside, i.name());
                }
            }
        }
        if (leftovers.contains("flyway_schema_history")) {
            // an older ShopTwin's failed migrate left an empty history: the baseline starts it afresh
            TableAdoption.execute(c, "drop table " + Database.SCHEMA + ".flyway_schema_history");
        }
        if (!runMigrations(c, migrations, plan)) {
            plan.outcome = Outcome.CANNOT_ADOPT;
            return plan;
        }
        List<TableAdoption> adoptions = new ArrayList<>();
        for (AdoptionPlan.Table report : plan.tables) {
            String table = report.name.substring("public.".length());
            TableShape ours = TableShape.read(c, report.name).orElseThrow();
            if (report.existed) {
                TableShape aside = TableShape.read(c, "public." + ASIDE + table).orElseThrow().withIndexNames(indexesAside);
                TableAdoption adoption = new TableAdoption(ours, aside, report.name, report);
                adoption.compare(c);
                adoptions.add(adoption);
            } else {
                report.adds.add("table " + report.name + " as ShopTwin creates it (empty), with its indexes, triggers and row level security");
            }
        }
        if (!plan.problems().isEmpty()) {
            plan.outcome = Outcome.CANNOT_ADOPT;
            return plan;
        }
        List<String> foreignKeys = swapBack(c, theirs.keySet());
        for (Map.Entry<String, String> e : indexesAside.entrySet()) {
            TableAdoption.execute(c, "alter index public." + e.getKey() + " rename to " + TableShape.quote(e.getValue()));
        }
        for (TableAdoption adoption : adoptions) {
            adoption.apply(c);
        }
        for (String fk : foreignKeys) {
            TableAdoption.execute(c, fk); // ShopTwin's new tables now reference theirs (payments → their customers)
        }
        // the migrations filled ShopTwin's derived per-customer totals from the empty fresh tables: now from theirs
        TableAdoption.execute(c, "select shoptwin.rebuild_customer_totals()");
        webAccess(c, plan, theirs);
        for (Map.Entry<String, String> e : checksums.entrySet()) {
            String after = checksum(c, theirs.get(e.getKey()));
            if (!after.equals(e.getValue())) {
                throw new IllegalStateException("adopting public." + e.getKey() + " would have changed its rows; nothing was changed");
            }
        }
        plan.schemaAdds.add("schema shoptwin: the change log the mirror drains to MongoDB, the mirror's bookkeeping and the"
                + " functions the triggers call; closed to anon and authenticated");
        plan.schemaAdds.add("recorded as ShopTwin's schema at version " + version + ": \"shoptwin migrate\" then runs only newer migrations");
        if (!plan.problems().isEmpty()) {
            plan.outcome = Outcome.CANNOT_ADOPT;
        }
        return plan;
    }

    /** What stops a table from being adopted at all, before anything is tried. */
    private static void inspect(Connection c, TableShape t, AdoptionPlan.Table report) throws SQLException {
        report.rows = TableAdoption.count(c, "select count(*) from " + t.name());
        t.columns().forEach(col -> report.columns.add(col.name()));
        if (t.kind() != 'r') {
            report.problems.add("is not a plain table (" + switch (t.kind()) {
                case 'v' -> "a view";
                case 'm' -> "a materialized view";
                case 'p' -> "a partitioned table";
                case 'f' -> "a foreign table";
                default -> "kind " + t.kind();
            } + "): ShopTwin can adopt only a plain table");
            return;
        }
        if (!t.ownedByCurrentUser()) {
            report.problems.add("is owned by " + t.owner() + ": run adopt as that role (only a table's owner may add to it)");
        }
        var pk = t.primaryKey();
        var id = t.column("id");
        if (pk.isEmpty() || !pk.get().columns().equals(List.of("id")) || id.isEmpty()) {
            report.problems.add("has no primary key on a column id; ShopTwin needs id uuid primary key (it identifies each row in"
                    + " the change log and the copy)");
        } else if (!id.get().type().equals("uuid")) {
            report.problems.add("its primary key id is " + id.get().type() + "; ShopTwin needs a uuid there (it identifies each row"
                    + " in the change log and the copy): not adopted");
        }
        for (String reserved : List.of("_id", "_v")) {
            if (t.column(reserved).isPresent()) {
                report.problems.add("has a column " + reserved + ", a name the MongoDB copy uses for itself (rename it first)");
            }
        }
    }

    /** ShopTwin's migrations, as on a fresh database; false (and the reason on the plan) if one cannot run beside their tables. */
    private static boolean runMigrations(Connection c, List<MigrationInfo> migrations, AdoptionPlan plan) throws SQLException {
        TableAdoption.execute(c, "create schema if not exists " + Database.SCHEMA);
        try (Statement s = c.createStatement()) {
            s.execute(SchemaMigration.EXTENSIONS_ON_SEARCH_PATH);
            s.execute("select set_config('search_path', '" + Database.SCHEMA + ", ' || current_setting('search_path'), true)");
            s.execute(SchemaMigration.PG_TRGM_INTO_EXTENSIONS);
        }
        for (MigrationInfo m : migrations) {
            try {
                TableAdoption.execute(c, script(m.getScript()));
            } catch (SQLException e) {
                plan.problems.add("ShopTwin's migration " + m.getScript() + " cannot run beside your tables: "
                        + SchemaMigration.reason(e));
                return false;
            }
        }
        return true;
    }

    /**
     * Drops ShopTwin's fresh copies of the tables being adopted and gives theirs their names back.
     * Returns the foreign keys of ShopTwin's other new tables that pointed at a dropped copy, to add again.
     */
    private static List<String> swapBack(Connection c, java.util.Set<String> adopted) throws SQLException {
        List<String> foreignKeys = new ArrayList<>();
        String replaced = adopted.stream().map(t -> "'public." + t + "'::regclass").collect(Collectors.joining(", "));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select conrelid::regclass::text, conname,"
                + " pg_get_constraintdef(oid) from pg_constraint where contype = 'f' and confrelid in (" + replaced + ")"
                + " and conrelid not in (" + replaced + ")")) {
            while (rs.next()) {
                foreignKeys.add("alter table " + rs.getString(1) + " add constraint " + TableShape.quote(rs.getString(2)) + " " + rs.getString(3));
                try (Statement d = c.createStatement()) {
                    d.execute("alter table " + rs.getString(1) + " drop constraint " + TableShape.quote(rs.getString(2)));
                }
            }
        }
        List<String> reverse = new ArrayList<>(ExistingTables.SHOP_TABLES);
        java.util.Collections.reverse(reverse);
        for (String t : reverse) {
            if (adopted.contains(t)) {
                TableAdoption.execute(c, "drop table public." + t);
            }
        }
        for (String t : adopted) {
            TableAdoption.execute(c, "alter table public." + ASIDE + t + " rename to " + t);
        }
        return foreignKeys;
    }

    /** Who can use each adopted table through the Data API today, and (with --keep-web-access) policies that keep it so. */
    private void webAccess(Connection c, AdoptionPlan plan, Map<String, TableShape> theirs) throws SQLException {
        for (Map.Entry<String, TableShape> e : theirs.entrySet()) {
            if (e.getValue().rowLevelSecurity()) {
                continue; // their policies decide, as before
            }
            List<String> roles = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select r from unnest(" + DATA_API_ROLES + ") r"
                    + " where exists (select from pg_roles where rolname = r)"
                    + " and has_table_privilege(r, 'public." + e.getKey() + "', 'SELECT, INSERT, UPDATE, DELETE')")) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
            if (roles.isEmpty()) {
                continue;
            }
            String policy = "create policy shoptwin_kept_web_access on public." + e.getKey() + " for all to " + String.join(", ", roles)
                    + " using (true) with check (true)";
            plan.webAccessPolicies.add(policy);
            plan.webAccessTables.add("public." + e.getKey());
            if (keepWebAccess) {
                TableAdoption.execute(c, policy);
            }
        }
    }

    /** A checksum of every row's original columns, in id order. */
    private static String checksum(Connection c, TableShape t) throws SQLException {
        String columns = t.columns().stream().map(col -> "x." + TableShape.quote(col.name())).collect(Collectors.joining(", "));
        String table = "public." + t.name().substring("public.".length());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(md5(row("
                + columns + ")::text), '' order by x.id)), '') from " + table + " x")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> shopTwinSchemaContents(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select c.relname from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace where n.nspname = '" + Database.SCHEMA + "' and c.relkind in ('r', 'p', 'v', 'm', 'S')"
                + " order by c.relname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** ShopTwin's change log exists but no history: an earlier apply committed, then stopped before recording. */
    private static AdoptionPlan notRecorded(Connection c, List<String> present) throws SQLException {
        AdoptionPlan plan = new AdoptionPlan(Outcome.NOT_RECORDED);
        for (String table : present) {
            boolean captured = TableAdoption.count(c, "select count(*) from pg_trigger t join pg_proc p on p.oid = t.tgfoid"
                    + " where t.tgrelid = '" + table + "'::regclass and p.proname = 'capture_change'") > 0;
            if (!captured) {
                plan.problems.add(table + " has no ShopTwin capture trigger although schema shoptwin holds a change log: this is"
                        + " not a state adopt left; rename schema shoptwin or ask for help");
                plan.outcome = Outcome.CANNOT_ADOPT;
            }
        }
        return plan;
    }

    /** Records the adopted schema as ShopTwin's at {@code version}, then lets migrate record the repeatable migrations. */
    private void record(String version) {
        try {
            SchemaMigration.baseline(database.dataSource(), version);
        } catch (FlywayException e) {
            throw SchemaMigration.describe(e, "recording the adopted schema failed", database.settings());
        }
        database.migrate();
    }

    private List<MigrationInfo> migrations() {
        try {
            return List.of(database.flyway().info().all());
        } catch (FlywayException e) {
            throw SchemaMigration.describe(e, "cannot read ShopTwin's migrations", database.settings());
        }
    }

    private static String script(String name) {
        try (InputStream in = Adoption.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
