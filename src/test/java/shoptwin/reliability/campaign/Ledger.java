package shoptwin.reliability.campaign;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the writers know they committed: for every row they touched, its final values (or that it
 * is gone). A write whose commit outcome was unknown (the connection died during COMMIT) is
 * resolved against PostgreSQL before it enters the ledger, so the ledger holds only certainties.
 */
public final class Ledger {

    /** A row's expected final state. Fields are the snake_case column names the copy must carry. */
    public record Expected(String table, UUID id, boolean deleted, Map<String, Object> fields) {
        public Expected {
            // null values are expected values too (an empty phone): no Map.copyOf here
            fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new HashMap<>(fields));
        }

        static Expected gone(String table, UUID id) {
            return new Expected(table, id, true, Map.of());
        }
    }

    private final Map<UUID, Expected> rows = new ConcurrentHashMap<>();
    private final Map<UUID, List<UUID>> paymentsByCustomer = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong inDoubtCommitted = new AtomicLong();
    private final AtomicLong inDoubtRolledBack = new AtomicLong();
    private final AtomicLong failedBeforeCommit = new AtomicLong();

    void put(String table, UUID id, Map<String, Object> fields) {
        rows.put(id, new Expected(table, id, false, fields));
    }

    /** Merges an update's fields into what is expected of the row. */
    void update(UUID id, Map<String, Object> changed) {
        rows.compute(id, (k, old) -> {
            Objects.requireNonNull(old, "update of a row the ledger does not know");
            Map<String, Object> merged = new HashMap<>(old.fields());
            merged.putAll(changed);
            return new Expected(old.table(), id, false, merged);
        });
    }

    void deleted(String table, UUID id) {
        rows.put(id, Expected.gone(table, id));
    }

    void addPayment(UUID customerId, UUID paymentId) {
        paymentsByCustomer.computeIfAbsent(customerId, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(paymentId);
    }

    /** A deleted customer takes their payments along (ON DELETE CASCADE): returns how many. */
    int cascadeDelete(UUID customerId) {
        int n = 0;
        for (UUID p : paymentsByCustomer.getOrDefault(customerId, List.of())) {
            Expected e = rows.get(p);
            if (e != null && !e.deleted()) {
                deleted("payments", p);
                n++;
            }
        }
        return n;
    }

    void changes(int n) {
        changes.addAndGet(n);
    }

    void inDoubt(boolean committed) {
        (committed ? inDoubtCommitted : inDoubtRolledBack).incrementAndGet();
    }

    void countFailedBeforeCommit() {
        failedBeforeCommit.incrementAndGet();
    }

    public Map<UUID, Expected> rows() {
        return Map.copyOf(rows);
    }

    public long changes() {
        return changes.get();
    }

    public long inDoubtCommitted() {
        return inDoubtCommitted.get();
    }

    public long inDoubtRolledBack() {
        return inDoubtRolledBack.get();
    }

    public long failedBeforeCommit() {
        return failedBeforeCommit.get();
    }

    /** Values as they must compare: numbers by value, everything else by equals. */
    static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof BigDecimal e) {
            BigDecimal a = actual instanceof org.bson.types.Decimal128 d ? d.bigDecimalValue()
                    : actual instanceof BigDecimal b ? b : new BigDecimal(actual.toString());
            return e.compareTo(a) == 0;
        }
        if (expected instanceof UUID u) {
            return u.toString().equals(actual.toString());
        }
        return expected.equals(actual);
    }
}
