package shoptwin.store.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code shoptwin adopt} found and did: per shop table, what it keeps, what it adds, what the owner
 * should know, and what stops it. The plan is made by running the adoption in a transaction that is
 * rolled back, so what it says is what {@code --apply} does.
 */
public final class AdoptionPlan {
    public enum Outcome {
        /** ShopTwin's migration history is there: nothing to adopt. */
        ALREADY_SHOPTWINS,
        /** None of the shop tables exists: migrate creates them. */
        NO_TABLES,
        /** The plan can be applied. */
        ADOPTABLE,
        /** ShopTwin's bookkeeping was committed by an earlier adopt that did not get to record it. */
        NOT_RECORDED,
        /** Something cannot be adopted; nothing was changed. */
        CANNOT_ADOPT,
        /** Applied and recorded. */
        ADOPTED,
        /** An earlier adoption's bookkeeping, now recorded. */
        RECORDED
    }

    /** One shop table. */
    public static final class Table {
        final String name;
        final boolean existed;
        long rows;
        final List<String> columns = new ArrayList<>();
        final List<String> kept = new ArrayList<>();
        final List<String> adds = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Table(String name, boolean existed) {
            this.name = name;
            this.existed = existed;
        }

        public String name() {
            return name;
        }

        public boolean existed() {
            return existed;
        }

        public List<String> adds() {
            return List.copyOf(adds);
        }

        public List<String> notes() {
            return List.copyOf(notes);
        }

        public List<String> problems() {
            return List.copyOf(problems);
        }
    }

    Outcome outcome;
    String version;
    boolean keepWebAccess;
    final List<Table> tables = new ArrayList<>();
    final List<String> schemaAdds = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    /** Policies that would keep the web app's access as it is today, for the owner to run or adapt. */
    final List<String> webAccessPolicies = new ArrayList<>();
    final List<String> webAccessTables = new ArrayList<>();

    AdoptionPlan(Outcome outcome) {
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The schema version the adoption records (the newest migration's). */
    public String version() {
        return version;
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    /** Every reason the tables cannot be adopted, each naming its table. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        for (Table t : tables) {
            t.problems.forEach(p -> all.add(t.name + ": " + p));
        }
        return all;
    }

    public boolean canApply() {
        return (outcome == Outcome.ADOPTABLE || outcome == Outcome.NOT_RECORDED) && problems().isEmpty();
    }

    /** The plan (or the report of what was done) for a person, several lines. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        switch (outcome) {
            case ALREADY_SHOPTWINS -> b.append("The shop tables are ShopTwin's already (schema version ").append(version)
                    .append("): nothing to adopt. \"shoptwin migrate\" keeps them up to date.\n");
            case NO_TABLES -> b.append("None of public.shop, public.customers, public.payments exists: nothing to adopt."
                    + " \"shoptwin migrate\" creates them.\n");
            case NOT_RECORDED -> b.append("ShopTwin's bookkeeping is on the shop tables already (an earlier \"shoptwin adopt --apply\""
                    + " committed it but stopped before recording it). \"shoptwin adopt --apply\" records the schema as ShopTwin's at version ")
                    .append(version).append(".\n");
            case RECORDED -> b.append("Recorded the schema as ShopTwin's at version ").append(version)
                    .append(" (its bookkeeping was on the shop tables already). Next: \"shoptwin resync\" makes the first MongoDB copy.\n");
            case CANNOT_ADOPT -> {
                b.append("ShopTwin cannot adopt these tables, and nothing has been changed:\n");
                problems().forEach(p -> b.append("  x ").append(p).append('\n'));
                b.append("Change what is named above (or ask for help), then run \"shoptwin adopt\" again.\n");
            }
            case ADOPTABLE, ADOPTED -> describeTables(b);
        }
        return b.toString();
    }

    private void describeTables(StringBuilder b) {
        List<String> theirs = tables.stream().filter(t -> t.existed).map(t -> t.name).toList();
        List<String> created = tables.stream().filter(t -> !t.existed).map(t -> t.name).toList();
        b.append(outcome == Outcome.ADOPTED ? "Adopted " : "ShopTwin would adopt ").append(ExistingTables.names(theirs));
        if (!created.isEmpty()) {
            b.append(outcome == Outcome.ADOPTED ? " and created " : " and create ").append(ExistingTables.names(created));
        }
        b.append(outcome == Outcome.ADOPTED ? ", in one transaction.\n" : ". Nothing has been changed yet.\n");
        for (Table t : tables) {
            b.append('\n').append(t.name);
            if (t.existed) {
                b.append(" (yours: ").append(t.rows).append(t.rows == 1 ? " row" : " rows").append("; columns ")
                        .append(String.join(", ", t.columns)).append(")\n");
                b.append("  keeps: every column and every row exactly as they are");
                t.kept.forEach(k -> b.append("; ").append(k));
                b.append('\n');
            } else {
                b.append(" (does not exist)\n");
            }
            t.adds.forEach(a -> b.append("  + ").append(a).append('\n'));
            t.notes.forEach(n -> b.append("  ! ").append(n).append('\n'));
        }
        b.append("\nShopTwin's own schema\n");
        schemaAdds.forEach(a -> b.append("  + ").append(a).append('\n'));
        if (!webAccessPolicies.isEmpty()) {
            b.append("\nYour web app and row level security\n");
            if (keepWebAccess) {
                b.append("  + --keep-web-access: ").append(webAccessPolicies.size() == 1 ? "this policy keeps" : "these policies keep")
                        .append(" the access anon and authenticated have today:\n");
            } else {
                b.append("  ! Today anon and authenticated (the Data API: the anon key your web app ships, and signed-in users) can read and"
                        + " write ").append(ExistingTables.names(webAccessTables)).append(".\n");
                b.append("  ! With row level security on and no policy for them, your web app will read no row there and write none.\n");
                b.append("  ! To keep today's access, \"shoptwin adopt --apply --keep-web-access\" adds these policies (or run them later,"
                        + " or narrower ones, e.g. using (auth.uid() = owner_id)):\n");
            }
            webAccessPolicies.forEach(p -> b.append("      ").append(p).append(";\n"));
        }
        b.append("\nNothing is dropped or renamed, and no value in your rows changes: adopt compares a checksum of every row before it")
                .append(outcome == Outcome.ADOPTED ? " committed.\n" : " commits.\n");
        if (outcome == Outcome.ADOPTED) {
            b.append("The schema is recorded as ShopTwin's at version ").append(version)
                    .append(": \"shoptwin migrate\" now runs only newer migrations. Next: \"shoptwin resync\" makes the first MongoDB copy.\n");
        } else {
            b.append("Run \"shoptwin adopt --apply\" to do it, in one transaction; then \"shoptwin resync\" makes the first MongoDB copy.\n");
        }
    }
}
