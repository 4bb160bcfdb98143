package shoptwin.store.postgres;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.util.PSQLException;
import shoptwin.config.PostgresSettings;
import shoptwin.store.StoreException;

/**
 * How ShopTwin's Flyway runs: its history in schema shoptwin, the migrations in db/migration (versioned
 * V files, repeatable R__ files for function bodies), pg_trgm put into Supabase's extensions schema, that
 * schema on the migration connection's search path, and migration failures as one masked line.
 */
final class SchemaMigration {
    static final String LOCATION = "classpath:db/migration";

    /**
     * V12-V14 were written after V36 and V37: a database migrated in between holds V36 (and maybe V37)
     * without them, and plain Flyway would refuse to start ("resolved migration not applied"). For
     * exactly these, and only when such a database is met, Flyway applies them out of order (they touch
     * nothing V36/V37 touch). No other migration may ever be numbered below a released one
     * (MigrationNumberingTest), so this list never grows.
     */
    static final Set<String> WRITTEN_AFTER_V36 = Set.of("12", "13", "14");

    /**
     * Run on every connection Flyway opens, before it reads the search path: appends the schema holding
     * pg_trgm, and Supabase's extensions schema, when the connection's path lacks them (a role whose
     * search_path was set without it). V1's {@code gin_trgm_ops} then resolves wherever the dashboard
     * installed the extension.
     */
    static final String EXTENSIONS_ON_SEARCH_PATH = """
            select set_config('search_path', concat_ws(', ', nullif(current_setting('search_path'), ''),
                   string_agg(quote_ident(n.nspname), ', ' order by n.nspname)), false)
            from pg_namespace n
            where (n.nspname = 'extensions' or n.oid in (select extnamespace from pg_extension where extname = 'pg_trgm'))
              and not (n.nspname = any (current_schemas(false)))
            having count(*) > 0""";

    /**
     * Also run first on every Flyway connection: PostgreSQL's NOTICEs stay off it. V1's {@code create schema if
     * not exists shoptwin} meets the schema Flyway has just made for its history, and {@code create extension if
     * not exists pg_trgm} an extension already there; their "already exists, skipping" notices reached the log
     * as Flyway WARNs at every fresh start, which no user can act on. Warnings and errors still come through.
     */
    static final String NO_NOTICES = "set client_min_messages = warning";

    /** A migration's file name in Flyway's message ("Failed to execute script V1__shop_tables.sql"). */
    private static final java.util.regex.Pattern SCRIPT =
            java.util.regex.Pattern.compile("\\b([VR])([0-9][0-9._]*)?__\\w+(?=\\.sql)");

    /**
     * Run before migrating. Supabase's dashboard installs extensions into schema extensions: a project
     * that has that schema but not pg_trgm yet gets it there, rather than wherever V1's {@code create
     * extension if not exists pg_trgm} would put it (the first schema on Flyway's path, shoptwin).
     * Elsewhere V1 installs it as before. (Not a Flyway callback: those take a third connection.)
     */
    static final String PG_TRGM_INTO_EXTENSIONS = """
            do $$
            begin
                if not exists (select from pg_extension where extname = 'pg_trgm')
                   and exists (select from pg_namespace where nspname = 'extensions') then
                    create extension pg_trgm with schema extensions;
                end if;
            exception when duplicate_object or unique_violation then
                null; -- another console starting at the same moment installed it
            end
            $$""";

    private SchemaMigration() {
    }

    static Flyway flyway(DataSource dataSource) {
        return configure(dataSource, LOCATION, false);
    }

    /** {@code location} (comma-separated): tests migrate with the released files only, as a shop's database was, or add files. */
    static Flyway configure(DataSource dataSource, String location, boolean outOfOrder) {
        return settings(dataSource, location).outOfOrder(outOfOrder).load();
    }

    private static FluentConfiguration settings(DataSource dataSource, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(Database.SCHEMA)
                .defaultSchema(Database.SCHEMA)
                .locations(location.split(","))
                // deprecated in Flyway 11+ for an afterConnect callback, which takes a third connection from a pool
                // of two and deadlocked the CLI; logback.xml keeps Flyway's deprecation warning off the user's screen
                .initSql(NO_NOTICES + ";\n" + EXTENSIONS_ON_SEARCH_PATH)
                .loggers("slf4j");
    }

    /** Records an adopted schema as ShopTwin's at {@code version}: migrations up to it count as applied. */
    static void baseline(DataSource dataSource, String version) {
        settings(dataSource, LOCATION).baselineVersion(version)
                .baselineDescription("adopted existing tables (shoptwin adopt)").load().baseline();
    }

    /** The Flyway to migrate with: out of order only for a database that applied V36 before V12-V14 existed. */
    static Flyway forMigrate(DataSource dataSource, String location) throws SQLException {
        boolean lateFilesMissing;
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            List<String> theirs = ExistingTables.notCreatedByShopTwin(c);
            if (!theirs.isEmpty()) {
                throw new ExistingTablesException(theirs);
            }
            s.execute(PG_TRGM_INTO_EXTENSIONS);
            lateFilesMissing = lateFilesMissing(c);
        }
        return configure(dataSource, location, lateFilesMissing);
    }

    /**
     * True when the history shows a migration numbered above V14 applied by a migration (not a baseline)
     * while one of V12-V14 is not: the database was migrated before those three existed. One query,
     * instead of a second pass of Flyway over the migrations at every start.
     */
    private static boolean lateFilesMissing(java.sql.Connection c) throws SQLException {
        if (!ExistingTables.recordedByShopTwin(c)) {
            return false;
        }
        String late = WRITTEN_AFTER_V36.stream().map(v -> "'" + v + "'").sorted().collect(java.util.stream.Collectors.joining(", "));
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("select"
                + " count(distinct version) filter (where version in (" + late + ")) < " + WRITTEN_AFTER_V36.size()
                + " and coalesce(bool_or(version ~ '^[0-9]+$' and version::numeric > 14), false)"
                + " from " + Database.SCHEMA + ".flyway_schema_history where success and type <> 'BASELINE' and version is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * One line a person can act on, with the database's own reason, masked:
     * {@code migration V1 failed: relation "customers" already exists (SQL state 42P07)}.
     */
    static StoreException describe(FlywayException e, String what, PostgresSettings settings) {
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher script = SCRIPT.matcher(String.valueOf(e.getMessage()));
        if (script.find()) {
            b.append("migration ").append(script.group(1).equals("V") ? "V" + script.group(2) : script.group(0)).append(" failed");
        } else {
            b.append(what);
        }
        SQLException sql = sqlCause(e);
        if (sql != null) {
            b.append(": ").append(reason(sql));
        } else {
            b.append(": ").append(oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return new StoreException(SqlErrors.mask(b.toString(), settings), e);
    }

    /** A statement ShopTwin ran before Flyway (the checks, pg_trgm) failed: the same one line. */
    static StoreException describe(SQLException e, String what, PostgresSettings settings) {
        return new StoreException(SqlErrors.mask(what + ": " + reason(e), settings), e);
    }

    /** The server's own message and its SQL state: {@code relation "x" already exists (SQL state 42P07)}. */
    static String reason(SQLException sql) {
        String reason = sql instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : firstLine(sql.getMessage());
        return sql.getSQLState() == null ? reason : reason + " (SQL state " + sql.getSQLState() + ")";
    }

    private static SQLException sqlCause(Throwable e) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = e; t != null && !seen.contains(t); t = t.getCause()) {
            seen.add(t);
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** Flyway's multi-line messages (a failed validation lists each migration) folded into one line. */
    static String oneLine(String message) {
        List<String> parts = new ArrayList<>();
        for (String line : message.split("\\R")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.matches("-+")) {
                parts.add(l);
            }
        }
        return String.join(" ", parts);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
