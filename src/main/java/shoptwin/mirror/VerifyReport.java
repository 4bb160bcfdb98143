package shoptwin.mirror;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import shoptwin.store.copy.MirrorTable;

/**
 * What verify found, per table: rows in PostgreSQL, documents in MongoDB, and the ids missing
 * from MongoDB, extra in MongoDB, and different (up to {@link #MAX_SAMPLES} each).
 */
public record VerifyReport(List<TableReport> tables, long pendingChanges, Instant checkedAt, boolean cancelled) {
    public static final int MAX_SAMPLES = 10;

    public VerifyReport {
        tables = List.copyOf(tables);
    }

    /** {@code differentFields}: for each sample in {@code differentSamples}, the fields that differ. */
    public record TableReport(MirrorTable table, long rows, long documents, long missing, long extra, long different,
                              List<String> missingSamples, List<String> extraSamples, List<String> differentSamples,
                              Map<String, List<String>> differentFields) {
        public TableReport {
            missingSamples = List.copyOf(missingSamples);
            extraSamples = List.copyOf(extraSamples);
            differentSamples = List.copyOf(differentSamples);
            differentFields = Collections.unmodifiableMap(new LinkedHashMap<>(differentFields));
        }

        public TableReport(MirrorTable table, long rows, long documents, long missing, long extra, long different,
                           List<String> missingSamples, List<String> extraSamples, List<String> differentSamples) {
            this(table, rows, documents, missing, extra, different, missingSamples, extraSamples, differentSamples, Map.of());
        }

        public boolean isEqual() {
            return missing == 0 && extra == 0 && different == 0;
        }

        public String collection() {
            return table.collectionName();
        }
    }

    /** True when every table equals its collection (and the check ran to the end). */
    public boolean isEqual() {
        return !cancelled && tables.stream().allMatch(TableReport::isEqual);
    }

    public TableReport table(MirrorTable table) {
        return tables.stream().filter(t -> t.table() == table).findFirst().orElseThrow();
    }

    /** Human-readable lines, one block per table. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (TableReport t : tables) {
            sb.append(String.format("%-9s -> %-9s rows %d, documents %d: %s%n", t.table().tableName(), t.collection(), t.rows(),
                    t.documents(), t.isEqual() ? "equal" : t.missing() + " missing, " + t.extra() + " extra, " + t.different() + " different"));
            appendSamples(sb, "missing in MongoDB", t.missingSamples());
            appendSamples(sb, "extra in MongoDB", t.extraSamples());
            appendSamples(sb, "different", t.differentSamples().stream()
                    .map(id -> t.differentFields().containsKey(id) ? id + " (" + String.join(", ", t.differentFields().get(id)) + ")" : id)
                    .toList());
        }
        if (pendingChanges > 0) {
            sb.append("Note: ").append(pendingChanges).append(" change(s) were still waiting in the change log; ")
                    .append("differences they explain disappear once the mirror drains them.\n");
        }
        if (cancelled) {
            sb.append("Cancelled before the end: the figures are partial.\n");
        }
        sb.append(isEqual() ? "PostgreSQL and MongoDB are equal." : "PostgreSQL and MongoDB differ.").append('\n');
        return sb.toString();
    }

    private static void appendSamples(StringBuilder sb, String label, List<String> ids) {
        if (!ids.isEmpty()) {
            sb.append("    ").append(label).append(": ").append(String.join(", ", ids)).append('\n');
        }
    }
}
