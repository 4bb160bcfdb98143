package shoptwin.ui.fakes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import shoptwin.store.ConflictException;
import shoptwin.store.NotFoundException;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.Actor;
import shoptwin.store.history.ChangeKind;
import shoptwin.store.history.DeletedRow;
import shoptwin.store.history.HistoryActions;
import shoptwin.store.history.RowVersion;
import shoptwin.store.history.RowWrites;
import shoptwin.store.history.ShopHistory;

/**
 * Supabase's customers and payments and the backup's history of them, in memory, for the history screens' view
 * models: every write is recorded at once (as a mirror with no lag would), each a minute after the last, in the
 * name of {@link #as}. {@link #lagReads} makes the next reads miss the newest delete (the mirror has not got it yet).
 */
public final class InMemoryHistory implements ShopHistory, RowWrites {
    public static final Actor ASHA = new Actor("Asha", "SHOP-PC", "console", "postgres", "ShopTwin", null, null, null);
    public static final Actor MEERA = new Actor("Meera", "TILL-2", "console", "postgres", "ShopTwin", null, null, null);

    private final Map<UUID, Map<String, Object>> customers = new LinkedHashMap<>();
    private final Map<UUID, Map<String, Object>> payments = new LinkedHashMap<>();
    private final List<RowVersion> versions = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-14T09:00:00Z");
    private long changeId;
    private long xact;
    public Actor as = ASHA;
    public int reads;
    public int lagReads;
    public RuntimeException failReads;

    public HistoryActions actions() {
        return new HistoryActions(this, this, Instant::toString);
    }

    private boolean recordRestores = true;

    /** From now on the rows brought back are not recorded (the mirror has not got there yet). */
    public void hideInsertsFromNowOn() {
        recordRestores = false;
    }

    public Instant now() {
        return now;
    }

    // ---- a shop's writes, as the console makes them

    public UUID createCustomer(String name, String phone) {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("phone", phone);
        row.put("email", null);
        row.put("version", 1L);
        customers.put(id, row);
        record(MirrorTable.CUSTOMERS, id, id, ChangeKind.INSERT, row, ++xact);
        return id;
    }

    public UUID createPayment(UUID customer, String amount) {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("customer_id", customer);
        row.put("amount", new BigDecimal(amount));
        row.put("method", "card");
        row.put("version", 1L);
        payments.put(id, row);
        record(MirrorTable.PAYMENTS, id, customer, ChangeKind.INSERT, row, ++xact);
        return id;
    }

    public void set(UUID customer, String field, Object value) {
        Map<String, Object> row = customers.get(customer);
        update(MirrorTable.CUSTOMERS, customer, (Long) row.get("version"), Map.of(field, value));
    }

    public Map<String, Object> customer(UUID id) {
        return customers.get(id);
    }

    public List<RowVersion> all() {
        return List.copyOf(versions);
    }

    // ---- ShopHistory

    @Override
    public List<RowVersion> versions(MirrorTable table, UUID id) {
        List<RowVersion> seen = visible();
        return seen.stream().filter(v -> v.table() == table && v.rowId().equals(id)).toList();
    }

    @Override
    public List<RowVersion> customerTimeline(UUID customerId, int limit) {
        return visible().stream().filter(v -> customerId.equals(v.customerId()))
                .sorted(Comparator.comparing(RowVersion::changedAt).reversed()).limit(limit).toList();
    }

    @Override
    public List<DeletedRow> recycleBin(Instant since, int limit) {
        List<RowVersion> seen = visible();
        List<DeletedRow> out = new ArrayList<>();
        List<RowVersion> newestFirst = new ArrayList<>(seen);
        java.util.Collections.reverse(newestFirst);
        for (RowVersion v : newestFirst) {
            boolean last = seen.stream().filter(x -> x.rowId().equals(v.rowId())).reduce((a, b) -> b).orElseThrow() == v;
            if (!v.isDelete() || !last || v.changedAt().isBefore(since)) {
                continue;
            }
            boolean withItsCustomer = v.table() == MirrorTable.PAYMENTS && seen.stream()
                    .anyMatch(x -> x.isDelete() && x.table() == MirrorTable.CUSTOMERS && x.xact() == v.xact());
            if (withItsCustomer) {
                continue;
            }
            List<RowVersion> with = v.table() == MirrorTable.CUSTOMERS ? deletedWith(v) : List.of();
            String name = v.table() == MirrorTable.PAYMENTS && customers.containsKey(v.customerId())
                    ? (String) customers.get(v.customerId()).get("name") : null;
            out.add(new DeletedRow(v, with, name));
        }
        return out.stream().limit(limit).toList();
    }

    @Override
    public List<RowVersion> deletedWith(RowVersion customerDelete) {
        return visible().stream().filter(v -> v.isDelete() && v.table() == MirrorTable.PAYMENTS && v.xact() == customerDelete.xact()).toList();
    }

    @Override
    public Optional<Instant> completeSince() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(0).changedAt());
    }

    private List<RowVersion> visible() {
        reads++;
        if (failReads != null) {
            throw failReads;
        }
        if (lagReads > 0) {
            lagReads--;
            int lastDelete = -1;
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).isDelete()) {
                    lastDelete = i;
                }
            }
            if (lastDelete >= 0) {
                long x = versions.get(lastDelete).xact();
                return versions.stream().filter(v -> !(v.isDelete() && v.xact() == x)).toList();
            }
        }
        return List.copyOf(versions);
    }

    // ---- RowWrites

    @Override
    public Optional<Map<String, Object>> current(MirrorTable table, UUID id) {
        Map<String, Object> row = (table == MirrorTable.CUSTOMERS ? customers : payments).get(id);
        return row == null ? Optional.empty() : Optional.of(new LinkedHashMap<>(row));
    }

    @Override
    public int paymentCount(UUID customerId) {
        return (int) payments.values().stream().filter(p -> customerId.equals(p.get("customer_id"))).count();
    }

    @Override
    public void update(MirrorTable table, UUID id, long expectedVersion, Map<String, Object> fields) {
        Map<String, Object> row = (table == MirrorTable.CUSTOMERS ? customers : payments).get(id);
        if (row == null) {
            throw new NotFoundException("gone");
        }
        if ((Long) row.get("version") != expectedVersion) {
            throw new ConflictException("changed meanwhile", row);
        }
        row.putAll(fields);
        row.put("version", expectedVersion + 1);
        record(table, id, table == MirrorTable.CUSTOMERS ? id : (UUID) row.get("customer_id"), ChangeKind.UPDATE, row, ++xact);
    }

    @Override
    public void delete(MirrorTable table, UUID id, long expectedVersion) {
        long x = ++xact;
        if (table == MirrorTable.CUSTOMERS) {
            for (UUID p : payments.keySet().stream().filter(p -> id.equals(payments.get(p).get("customer_id"))).toList()) {
                record(MirrorTable.PAYMENTS, p, id, ChangeKind.DELETE, payments.remove(p), x);
            }
            record(table, id, id, ChangeKind.DELETE, customers.remove(id), x);
        } else {
            Map<String, Object> row = payments.remove(id);
            record(table, id, (UUID) row.get("customer_id"), ChangeKind.DELETE, row, x);
        }
    }

    @Override
    public void insertAsTheyWere(List<Row> rows) {
        long x = ++xact;
        for (Row r : rows) {
            UUID id = (UUID) r.fields().get("id");
            if (current(r.table(), id).isPresent()) {
                throw new ConflictException("exists", r);
            }
        }
        for (Row r : rows) {
            UUID id = (UUID) r.fields().get("id");
            Map<String, Object> row = new LinkedHashMap<>(r.fields());
            (r.table() == MirrorTable.CUSTOMERS ? customers : payments).put(id, row);
            if (recordRestores) {
                record(r.table(), id, r.table() == MirrorTable.CUSTOMERS ? id : (UUID) row.get("customer_id"), ChangeKind.INSERT, row, x);
            }
        }
    }

    private void record(MirrorTable table, UUID id, UUID customer, ChangeKind kind, Map<String, Object> fields, long x) {
        now = now.plus(Duration.ofMinutes(1));
        long cid = ++changeId;
        Object v = fields.get("version");
        versions.add(new RowVersion(table + ":" + id + ":" + cid, table, id, customer, cid, v instanceof Long l ? l : null,
                kind, now, as, new LinkedHashMap<>(fields), x));
    }
}
