package shoptwin.store.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import shoptwin.store.StoreException;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.CopyValues;
import shoptwin.store.copy.HistoryFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.Actor;
import shoptwin.store.history.ChangeKind;
import shoptwin.store.history.DeletedRow;
import shoptwin.store.history.RowVersion;
import shoptwin.store.history.ShopHistory;

/**
 * The history read from the MongoDB copy ({@link HistoryFormat}). Its queries filter on {@code customer_id},
 * {@code table} + {@code row_id}, {@code op} + {@code changed_at}: each served by an index on a real MongoDB
 * ({@link #ensureIndexes()}); mongo-java-server scans the collection for them (STACK.md), which the console's
 * history tab can afford at a shop's size, not at a million versions (docs/benchmarks.md).
 */
public final class MongoShopHistory implements ShopHistory {
    /** The recycle bin reads at most this many deletes per look (newest first). */
    static final int RECYCLE_BIN_READ = 2_000;

    private final MongoDatabase copy;
    private final String description;

    public MongoShopHistory(MongoDatabase copy, String description) {
        this.copy = copy;
        this.description = description;
    }

    @Override
    public List<RowVersion> versions(MirrorTable table, UUID id) {
        return call(() -> {
            List<RowVersion> out = new ArrayList<>();
            for (Document d : HistoryFormat.collection(copy).find(Filters.and(Filters.eq(HistoryFormat.TABLE, table.collectionName()),
                    Filters.eq(HistoryFormat.ROW_ID, id.toString())))) {
                out.add(version(d));
            }
            out.sort(OLDEST_FIRST);
            return out;
        });
    }

    @Override
    public List<RowVersion> customerTimeline(UUID customerId, int limit) {
        return call(() -> {
            List<RowVersion> out = new ArrayList<>();
            for (Document d : HistoryFormat.collection(copy).find(Filters.eq(HistoryFormat.CUSTOMER, customerId.toString()))) {
                out.add(version(d));
            }
            out.sort(OLDEST_FIRST.reversed());
            return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
        });
    }

    @Override
    public List<DeletedRow> recycleBin(Instant since, int limit) {
        return call(() -> {
            List<RowVersion> deletes = new ArrayList<>();
            for (Document d : HistoryFormat.collection(copy).find(Filters.and(Filters.eq(HistoryFormat.OP, HistoryFormat.Op.DELETE.code()),
                    Filters.gte(HistoryFormat.CHANGED_AT, Date.from(since)))).limit(RECYCLE_BIN_READ)) {
                RowVersion v = version(d);
                if (v.table() != MirrorTable.SHOP) {
                    deletes.add(v);
                }
            }
            deletes.sort(OLDEST_FIRST.reversed());
            // restored since (undeleted, or recreated with the same id): not in the bin
            Set<String> live = new HashSet<>();
            for (MirrorTable t : List.of(MirrorTable.CUSTOMERS, MirrorTable.PAYMENTS)) {
                List<String> ids = deletes.stream().filter(v -> v.table() == t).map(v -> v.rowId().toString()).toList();
                for (int i = 0; i < ids.size(); i += 1_000) {
                    for (Document d : CopyFormat.collection(copy, t).find(Filters.in(CopyFormat.ID, ids.subList(i, Math.min(ids.size(), i + 1_000))))
                            .projection(Projections.include(CopyFormat.ID))) {
                        live.add(t.collectionName() + ":" + d.get(CopyFormat.ID));
                    }
                }
            }
            Map<String, List<RowVersion>> withCustomer = new LinkedHashMap<>(); // customers' deletes by their transaction
            Map<UUID, String> names = new LinkedHashMap<>();
            for (RowVersion v : deletes) {
                if (v.table() == MirrorTable.CUSTOMERS) {
                    withCustomer.put(v.rowId() + ":" + v.xact(), new ArrayList<>());
                    names.putIfAbsent(v.rowId(), String.valueOf(v.field("name")));
                }
            }
            for (RowVersion v : deletes) {
                if (v.table() == MirrorTable.PAYMENTS && v.xact() != 0 && withCustomer.containsKey(v.customerId() + ":" + v.xact())) {
                    withCustomer.get(v.customerId() + ":" + v.xact()).add(v);
                }
            }
            List<DeletedRow> result = new ArrayList<>();
            Set<String> seen = new HashSet<>(); // a row deleted twice (restored between): its latest delete
            for (RowVersion v : deletes) {
                if (result.size() == limit) {
                    break;
                }
                String row = v.table().collectionName() + ":" + v.rowId();
                if (live.contains(row) || !seen.add(row)) {
                    continue;
                }
                if (v.table() == MirrorTable.CUSTOMERS) {
                    result.add(new DeletedRow(v, withCustomer.get(v.rowId() + ":" + v.xact()), null));
                } else if (v.xact() == 0 || !withCustomer.containsKey(v.customerId() + ":" + v.xact())) {
                    result.add(new DeletedRow(v, List.of(), customerName(v.customerId(), names)));
                }
            }
            return result;
        });
    }

    /** A payment's customer's name: from the bin itself, the copy, or the customer's last version in the history. */
    private String customerName(UUID customerId, Map<UUID, String> names) {
        if (customerId == null) {
            return null;
        }
        String known = names.get(customerId);
        if (known != null) {
            return known;
        }
        Document c = CopyFormat.collection(copy, MirrorTable.CUSTOMERS).find(Filters.eq(CopyFormat.ID, customerId.toString())).first();
        String name = c != null ? c.getString("name") : versions(MirrorTable.CUSTOMERS, customerId).stream()
                .map(v -> v.field("name")).filter(n -> n != null).map(String::valueOf).reduce((a, b) -> b).orElse(null);
        names.put(customerId, name);
        return name;
    }

    @Override
    public List<RowVersion> deletedWith(RowVersion customerDelete) {
        if (customerDelete.xact() == 0) {
            return List.of(); // captured before ShopTwin recorded transactions: which payments went with it is unknown
        }
        return call(() -> {
            List<RowVersion> out = new ArrayList<>();
            for (Document d : HistoryFormat.collection(copy).find(Filters.and(Filters.eq(HistoryFormat.CUSTOMER, customerDelete.rowId().toString()),
                    Filters.eq(HistoryFormat.OP, HistoryFormat.Op.DELETE.code()), Filters.eq(HistoryFormat.XACT, customerDelete.xact())))) {
                RowVersion v = version(d);
                if (v.table() == MirrorTable.PAYMENTS) {
                    out.add(v);
                }
            }
            out.sort(OLDEST_FIRST);
            return out;
        });
    }

    @Override
    public Optional<Instant> completeSince() {
        return call(() -> HistoryCoverage.completeSince(copy));
    }

    /** The indexes a real MongoDB serves the history's reads, pruning and restore from (mongo-java-server ignores them). */
    public void ensureIndexes() {
        call(() -> {
            var c = HistoryFormat.collection(copy);
            c.createIndex(Indexes.compoundIndex(Indexes.ascending(HistoryFormat.CUSTOMER), Indexes.descending(HistoryFormat.CHANGED_AT)));
            c.createIndex(Indexes.ascending(HistoryFormat.TABLE, HistoryFormat.ROW_ID));
            c.createIndex(Indexes.ascending(HistoryFormat.CHANGED_AT));
            c.createIndex(Indexes.compoundIndex(Indexes.ascending(HistoryFormat.OP), Indexes.descending(HistoryFormat.CHANGED_AT)));
            return null;
        });
    }

    // ------------------------------------------------------------------ documents → versions

    static final Comparator<RowVersion> OLDEST_FIRST = Comparator.comparing(RowVersion::changedAt).thenComparingLong(RowVersion::changeId);

    /** A history document as a {@link RowVersion}. */
    public static RowVersion version(Document d) {
        HistoryFormat.Key key = HistoryFormat.parse(d.get(HistoryFormat.ID))
                .orElseThrow(() -> new StoreException("The backup's history holds a document that is not a version: " + d.get(HistoryFormat.ID)));
        Document image = HistoryFormat.image(d);
        Object version = d.get(HistoryFormat.VERSION);
        Object xact = d.get(HistoryFormat.XACT);
        String customer = d.getString(HistoryFormat.CUSTOMER);
        return new RowVersion(String.valueOf(d.get(HistoryFormat.ID)), key.table(),
                UUID.fromString(key.rowId()), customer == null ? null : UUID.fromString(customer), key.changeId(),
                version instanceof Number n ? n.longValue() : null, kind(HistoryFormat.op(d)), key.changedAt(),
                actor(d.get(HistoryFormat.ACTOR, Document.class)), CopyValues.plain(image),
                xact instanceof Number n ? n.longValue() : 0);
    }

    private static ChangeKind kind(HistoryFormat.Op op) {
        return switch (op) {
            case INSERT -> ChangeKind.INSERT;
            case UPDATE -> ChangeKind.UPDATE;
            case DELETE -> ChangeKind.DELETE;
            case SNAPSHOT -> ChangeKind.SNAPSHOT;
        };
    }

    static Actor actor(Document a) {
        if (a == null) {
            return Actor.UNKNOWN;
        }
        return new Actor(a.getString("staff"), a.getString("host"), a.getString("via"), a.getString("user"), a.getString("app"),
                a.getString("sub"), a.getString("role"), a.getString("email"));
    }

    private <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (com.mongodb.MongoTimeoutException | com.mongodb.MongoSocketException | com.mongodb.MongoInterruptedException e) {
            throw new StoreUnavailableException("The history is kept in the MongoDB backup, which cannot be reached ("
                    + description + "): " + shoptwin.config.Secrets.mask(MongoErrors.describe(e)), e);
        } catch (MongoException e) {
            throw new StoreException("The backup's history could not be read: " + shoptwin.config.Secrets.mask(MongoErrors.describe(e)), e);
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("The MongoDB backup connection is closed.", e);
        }
    }
}
