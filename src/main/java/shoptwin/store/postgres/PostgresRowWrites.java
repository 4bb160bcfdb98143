package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import shoptwin.store.ConflictException;
import shoptwin.store.NotFoundException;
import shoptwin.store.Staff;
import shoptwin.store.StoreException;
import shoptwin.store.copy.CopyValues;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.RowWrites;

/**
 * Undo, restore-a-version and undelete as writes to Supabase: each one transaction through the store's
 * {@link Transactions} (so the staff name is recorded and failures read like the store's), each captured by the
 * triggers like any other write. Undelete inserts the rows as they were, with {@code shoptwin.restoring} on (ids,
 * versions and timestamps kept, as {@code restore} does).
 */
public final class PostgresRowWrites implements RowWrites {
    private final Transactions tx;

    /** @param staff who the writes are recorded as (the console's {@link PostgresShopStore#staff()}) */
    public PostgresRowWrites(Database database, Supplier<Staff> staff) {
        this.tx = new Transactions(database, staff);
    }

    @Override
    public Optional<Map<String, Object>> current(MirrorTable table, UUID id) {
        return tx.read(c -> RowStatements.current(c, DocumentMapper.load(c), table, id.toString()).map(CopyValues::plain), noun(table));
    }

    @Override
    public int paymentCount(UUID customerId) {
        return tx.read(c -> PaymentsTable.countFor(c, customerId), "Customer");
    }

    @Override
    public void update(MirrorTable table, UUID id, long expectedVersion, Map<String, Object> fields) {
        tx.write(c -> {
            DocumentMapper mapper = DocumentMapper.load(c);
            if (new RowStatements(mapper, table).update(c, id.toString(), CopyValues.document(fields), expectedVersion) == 1) {
                return null;
            }
            Document now = RowStatements.current(c, mapper, table, id.toString()).orElseThrow(() -> new NotFoundException(noun(table)));
            throw new ConflictException(noun(table), CopyValues.plain(now));
        }, noun(table));
    }

    @Override
    public void delete(MirrorTable table, UUID id, long expectedVersion) {
        tx.write(c -> {
            DocumentMapper mapper = DocumentMapper.load(c);
            if (new RowStatements(mapper, table).delete(c, id.toString(), expectedVersion) == 1) {
                return null;
            }
            Document now = RowStatements.current(c, mapper, table, id.toString()).orElseThrow(() -> new NotFoundException(noun(table)));
            throw new ConflictException(noun(table), CopyValues.plain(now));
        }, noun(table));
    }

    @Override
    public void insertAsTheyWere(List<Row> rows) {
        tx.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("select set_config('shoptwin.restoring', 'on', true)");
            }
            DocumentMapper mapper = DocumentMapper.load(c);
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                List<Document> docs = new ArrayList<>();
                rows.stream().filter(r -> r.table() == t).forEach(r -> docs.add(CopyValues.document(r.fields())));
                if (!docs.isEmpty()) {
                    insert(c, new RowStatements(mapper, t), docs);
                }
            }
            return null;
        }, "The restored rows", e -> "23505".equals(e.getSQLState())
                ? new StoreException("It exists already (restored by someone else a moment ago?): nothing was restored.") : null);
    }

    private static void insert(Connection c, RowStatements statements, List<Document> docs) throws SQLException {
        statements.insert(c, docs);
    }

    private static String noun(MirrorTable t) {
        return switch (t) {
            case CUSTOMERS -> "Customer";
            case PAYMENTS -> "Payment";
            case SHOP -> "The shop";
        };
    }
}
