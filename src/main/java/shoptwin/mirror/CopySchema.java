package shoptwin.mirror;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;

/**
 * The copy's own record, per table, of the columns its documents were last made from in full
 * ({@link CopyFormat#COPY_SCHEMA}): written by a resync of that table once every document is written, read
 * by the mirror to decide whether the table's documents must be brought up to date (docs/mirror.md, "Columns
 * changed in Supabase"). Kept with the copy, not in PostgreSQL, because it says what the copy holds.
 */
final class CopySchema {
    private static final String COLUMNS = "columns";

    private CopySchema() {
    }

    /** The columns recorded for {@code table} ({@link shoptwin.store.copy.DocumentMapper#signature}); empty if none. */
    static Optional<List<String>> read(MongoDatabase copy, MirrorTable table) {
        Document d = CopyFormat.copySchema(copy).find(Filters.eq(CopyFormat.ID, table.tableName())).first();
        if (d == null || !(d.get(COLUMNS) instanceof List<?> columns)) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(columns.size());
        columns.forEach(c -> out.add(String.valueOf(c)));
        return Optional.of(out);
    }

    static void record(MongoDatabase copy, MirrorTable table, List<String> signature) {
        CopyFormat.copySchema(copy).replaceOne(Filters.eq(CopyFormat.ID, table.tableName()),
                new Document(CopyFormat.ID, table.tableName()).append(COLUMNS, signature).append("updated_at", new Date()),
                new ReplaceOptions().upsert(true));
    }

    /** Whether the copy holds no document of {@code table}. */
    static boolean isEmpty(MongoDatabase copy, MirrorTable table) {
        return CopyFormat.collection(copy, table).find().projection(new Document(CopyFormat.ID, 1)).limit(1).first() == null;
    }
}
