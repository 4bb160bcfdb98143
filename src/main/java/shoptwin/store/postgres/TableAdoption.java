package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import shoptwin.store.postgres.TableShape.Column;
import shoptwin.store.postgres.TableShape.Constraint;

/**
 * One web-app table against ShopTwin's freshly migrated one: what is missing, what clashes, and the
 * statements that add the rest. Compared while the two stand side by side (theirs renamed aside); the
 * statements run on theirs, back under its own name. Only ever adds: columns, constraints, indexes,
 * triggers, row level security. A check that existing rows violate is added NOT VALID (new and changed
 * rows must satisfy it; the old ones stay as they are) and the plan says so.
 */
final class TableAdoption {
    /** What one step does to the table; it reports what it did (or could not do) on the table's plan. */
    @FunctionalInterface
    interface Step {
        void run(Connection c) throws SQLException;
    }

    private final TableShape ours;
    private final TableShape theirs;
    private final String table;
    private final AdoptionPlan.Table report;
    private final List<Step> steps = new ArrayList<>();

    TableAdoption(TableShape ours, TableShape theirs, String table, AdoptionPlan.Table report) {
        this.ours = ours;
        this.theirs = theirs;
        this.table = table;
        this.report = report;
    }

    /** Compares; problems go on the report, and the steps wait for {@link #apply}. */
    void compare(Connection c) throws SQLException {
        for (Column o : ours.columns()) {
            Optional<Column> mine = theirs.column(o.name());
            if (mine.isEmpty()) {
                addColumn(o);
            } else {
                matchColumn(c, o, mine.get());
            }
        }
        List<String> theirsOnly = theirs.columns().stream().map(Column::name).filter(n -> ours.column(n).isEmpty()).toList();
        if (!theirsOnly.isEmpty()) {
            report.kept.add("your column" + (theirsOnly.size() == 1 ? " " : "s ") + String.join(", ", theirsOnly)
                    + " (copied to MongoDB with the rest)");
        }
        for (Column t : theirs.columns()) {
            if (ours.column(t.name()).isEmpty() && t.notNull() && t.defaultExpression() == null && t.generated() == null && !t.identity()) {
                report.notes.add("your column " + t.name() + " is required and has no default: the console cannot add a row to "
                        + table + " until it has one (alter table " + table + " alter column " + t.name() + " set default ...)");
            }
        }
        for (Constraint k : ours.constraints()) {
            if (k.type() != 'p') {
                constraint(k);
            }
        }
        List<String> theirIndexes = theirs.indexes().stream().filter(i -> !i.backsConstraint()).map(TableShape.Index::name).toList();
        if (!theirIndexes.isEmpty()) {
            report.kept.add("your index" + (theirIndexes.size() == 1 ? " " : "es ") + String.join(", ", theirIndexes));
        }
        for (TableShape.Index i : ours.indexes()) {
            if (i.backsConstraint()) {
                continue;
            }
            Optional<TableShape.Index> same = theirs.indexes().stream().filter(t -> t.meaning().equals(i.meaning())).findFirst();
            if (same.isPresent()) {
                report.notes.add("your index " + same.get().name() + " already does what ShopTwin's " + i.name() + " does: kept, none added");
            } else if (theirs.indexes().stream().anyMatch(t -> t.name().equals(i.name()))) {
                report.problems.add("your index " + i.name() + " has the name of one ShopTwin adds, for something else"
                        + " (rename yours first)");
            } else {
                steps.add(conn -> index(conn, i));
            }
        }
        triggers();
        rowLevelSecurity();
    }

    private void addColumn(Column o) {
        String add = "alter table " + table + " add column " + TableShape.quote(o.name()) + " " + o.type();
        if (o.generated() != null) {
            String sql = add + " generated always as (" + o.generated() + ") stored";
            steps.add(conn -> run(conn, sql, "column " + o.name() + " " + o.type() + ", computed from " + o.generated()
                    + " (stored: PostgreSQL writes it into every row once, keeping the table locked meanwhile)"));
        } else if (o.defaultExpression() != null) {
            boolean stamp = o.type().equals("timestamp with time zone") && o.defaultExpression().equals("now()") && report.rows > 0;
            // existing rows get one value, at milliseconds like every timestamp ShopTwin writes
            String sql = add + (o.notNull() ? " not null" : "") + " default "
                    + (stamp ? "date_trunc('milliseconds', now())" : o.defaultExpression());
            steps.add(conn -> {
                run(conn, sql, "column " + o.name() + " " + o.type() + (o.notNull() ? " not null" : "") + " default "
                        + o.defaultExpression() + (report.rows == 0 ? "" : stamp ? " (existing rows: the time of adoption)"
                        : " (existing rows: " + o.defaultExpression() + ")"));
                if (stamp) {
                    execute(conn, "alter table " + table + " alter column " + TableShape.quote(o.name()) + " set default " + o.defaultExpression());
                }
            });
        } else if (o.notNull() && report.rows > 0) {
            steps.add(conn -> run(conn, add, "column " + o.name() + " " + o.type()));
            steps.add(conn -> notNullCheck(conn, o.name(), report.rows));
        } else {
            steps.add(conn -> run(conn, add + (o.notNull() ? " not null" : ""), "column " + o.name() + " " + o.type()
                    + (o.notNull() ? " not null" : "")));
        }
    }

    private void matchColumn(Connection c, Column o, Column t) throws SQLException {
        if (!o.type().equals(t.type())) {
            if (o.type().equals("text") && (t.type().startsWith("character varying") || t.type().startsWith("character("))) {
                report.notes.add("your " + o.name() + " is " + t.type() + " where ShopTwin has text: values longer than its limit"
                        + " are refused by the database");
            } else {
                report.problems.add("column " + o.name() + " is " + t.type() + "; ShopTwin needs " + o.type()
                        + " there (convert or rename your column first)");
                return;
            }
        }
        if (!Objects.equals(o.generated(), t.generated())) {
            report.problems.add(o.generated() != null
                    ? "column " + o.name() + " is a plain column of yours; ShopTwin computes it as " + o.generated() + " (rename yours first)"
                    : "column " + o.name() + " is computed (" + t.generated() + ") in yours; ShopTwin writes it (rename yours first)");
            return;
        }
        if (o.notNull() && !t.notNull()) {
            steps.add(conn -> {
                long nulls = count(conn, "select count(*) from " + table + " where " + TableShape.quote(o.name()) + " is null");
                if (nulls == 0) {
                    run(conn, "alter table " + table + " alter column " + TableShape.quote(o.name()) + " set not null",
                            "not null on " + o.name() + " (no row lacks it)");
                } else {
                    notNullCheck(conn, o.name(), nulls);
                }
            });
        }
        if (o.defaultExpression() != null && t.defaultExpression() == null && !t.identity()) {
            steps.add(conn -> run(conn, "alter table " + table + " alter column " + TableShape.quote(o.name()) + " set default "
                    + o.defaultExpression(), "default " + o.defaultExpression() + " for " + o.name()));
        } else if (o.defaultExpression() != null && !o.defaultExpression().equals(t.defaultExpression())) {
            report.kept.add("your default " + t.defaultExpression() + " for " + o.name());
        }
        if (o.type().equals("timestamp with time zone")) {
            long finer = count(c, "select count(*) from " + theirs.name() + " where " + TableShape.quote(o.name())
                    + " <> date_trunc('milliseconds', " + TableShape.quote(o.name()) + ")");
            if (finer > 0) {
                report.notes.add(finer + (finer == 1 ? " row has " : " rows have ") + o.name() + " with microseconds: ShopTwin leaves"
                        + " them as they are; the MongoDB copy holds them exactly, as text (a BSON date holds milliseconds)");
            }
        }
    }

    private void notNullCheck(Connection conn, String column, long rows) throws SQLException {
        String name = ours.name().substring(ours.name().indexOf('.') + 1) + "_" + column + "_not_null";
        execute(conn, "alter table " + table + " add constraint " + TableShape.quote(name) + " check (" + TableShape.quote(column)
                + " is not null) not valid");
        report.adds.add("check " + name + ": CHECK (" + column + " IS NOT NULL), NOT VALID");
        report.notes.add(rows + (rows == 1 ? " existing row has" : " existing rows have") + " no " + column
                + (rows == 1 ? ": it stays as it is" : ": they stay as they are") + "; new and changed rows must have one ("
                + name + " is NOT VALID)");
    }

    private void constraint(Constraint k) {
        Optional<Constraint> same = theirs.constraints().stream().filter(x -> x.name().equals(k.name())).findFirst();
        if (same.isPresent()) {
            if (!same.get().definition().equals(k.definition())) {
                report.kept.add("your constraint " + k.name() + " (" + same.get().definition() + ") where ShopTwin has " + k.definition());
            }
            return;
        }
        String add = "alter table " + table + " add constraint " + TableShape.quote(k.name()) + " " + k.definition();
        String label = (k.type() == 'c' ? "check " : k.type() == 'f' ? "foreign key " : "constraint ") + k.name() + ": " + k.definition();
        if (k.type() == 'c') {
            steps.add(conn -> {
                long violating = count(conn, "select count(*) from " + table + " where (" + k.expression() + ") is false");
                if (violating == 0) {
                    run(conn, add, label);
                } else {
                    run(conn, add + " not valid", label + ", NOT VALID");
                    report.notes.add(violating + (violating == 1 ? " existing row violates " : " existing rows violate ") + k.name()
                            + (violating == 1 ? ": it stays as it is" : ": they stay as they are")
                            + "; new and changed rows must satisfy it (added NOT VALID)");
                }
            });
        } else if (k.type() == 'f') {
            steps.add(conn -> {
                if (!attempt(conn, add, label)) {
                    run(conn, add + " not valid", label + ", NOT VALID");
                    report.notes.add("existing rows reference rows that do not exist: " + k.name()
                            + " is added NOT VALID; they stay as they are, new and changed rows must satisfy it");
                }
            });
        } else {
            steps.add(conn -> {
                if (!attempt(conn, add, label)) {
                    report.problems.add("cannot add " + label + ": existing rows do not satisfy it");
                }
            });
        }
    }

    private void index(Connection conn, TableShape.Index i) throws SQLException {
        String label = "index " + i.name() + " (" + i.definition().replaceFirst("^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ USING ", "") + ")";
        if (!attempt(conn, i.definition(), label)) {
            report.problems.add("cannot add " + label.replace("index", i.definition().startsWith("CREATE UNIQUE") ? "unique index" : "index")
                    + ": the table's " + report.rows + " rows are not unique by it"
                    + (i.name().equals("shop_one_row") ? " (ShopTwin's shop table holds exactly one row: keep one)" : ""));
        }
    }

    private void triggers() {
        List<String> theirTriggers = new ArrayList<>();
        for (TableShape.Trigger t : theirs.triggers()) {
            if (ours.triggers().stream().anyMatch(o -> o.name().equals(t.name()))) {
                report.problems.add("your trigger " + t.name() + " has the name of one ShopTwin adds (rename yours first)");
            }
            theirTriggers.add(t.name());
            if (t.definition().contains(" BEFORE ") && t.definition().contains("FOR EACH ROW")
                    && (t.definition().contains("INSERT") || t.definition().contains("UPDATE"))) {
                report.notes.add("your trigger " + t.name() + " also changes rows before they are written: if it sets created_at,"
                        + " updated_at or version, drop it after adopting (ShopTwin's stamp trigger keeps them, at milliseconds)");
            }
        }
        if (!theirTriggers.isEmpty()) {
            report.kept.add("your trigger" + (theirTriggers.size() == 1 ? " " : "s ") + String.join(", ", theirTriggers)
                    + (theirTriggers.size() == 1 ? " (still runs; changes it makes are copied too)" : " (still run; changes they make are copied too)"));
        }
        for (TableShape.Trigger t : ours.triggers()) {
            steps.add(conn -> run(conn, t.definition(), "trigger " + t.name() + ": " + triggerPurpose(t)));
        }
    }

    private static String triggerPurpose(TableShape.Trigger t) {
        return switch (t.function()) {
            case "stamp_row" -> "keeps created_at, updated_at (at milliseconds) and version for every writer";
            case "stamp_payment" -> "keeps paid_at at milliseconds";
            case "capture_change" -> "writes every insert, update and delete into shoptwin.change_log, which the mirror copies to MongoDB";
            case "refuse_truncate" -> "refuses TRUNCATE (it would bypass the copy): DELETE still works";
            default -> t.definition();
        };
    }

    private void rowLevelSecurity() {
        if (ours.rowLevelSecurity() && !theirs.rowLevelSecurity()) {
            steps.add(conn -> run(conn, "alter table " + table + " enable row level security",
                    "row level security: on, with no policy for anon or authenticated"));
        } else if (theirs.rowLevelSecurity()) {
            List<String> names = theirs.policies().stream().map(TableShape.Policy::name).toList();
            report.kept.add("row level security (already on)" + (names.isEmpty() ? "" : " and your policies " + String.join(", ", names)));
        }
        for (TableShape.Policy p : ours.policies()) {
            if (theirs.policies().stream().noneMatch(x -> x.name().equals(p.name()))) {
                steps.add(conn -> run(conn, p.createOn(table), "policy " + p.name() + " for " + String.join(", ", p.roles())));
            }
        }
    }

    /** Runs the steps on their table, back under its name. */
    void apply(Connection c) throws SQLException {
        for (Step s : steps) {
            s.run(c);
        }
    }

    private void run(Connection c, String sql, String description) throws SQLException {
        execute(c, sql);
        report.adds.add(description);
    }

    /** Tries a statement that existing rows may refuse; false (and nothing done) if they do. */
    private boolean attempt(Connection c, String sql, String description) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            execute(c, sql);
            c.releaseSavepoint(sp);
            report.adds.add(description);
            return true;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("23")) { // integrity: unique, foreign key, exclusion
                c.rollback(sp);
                return false;
            }
            throw e;
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
