package shoptwin.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import shoptwin.config.MongoSettings;

/**
 * 1c. What the MongoDB peer charges for the mirror's building blocks, on the same server: where a batch's
 * time goes. Each operation on 1,000 customer-sized documents (100 for single deletes) in a collection of
 * 20,000, median of 7 rounds.
 */
final class PeerCostBench {
    private PeerCostBench() {
    }

    static void run(BenchEnv env, Scale scale, Report report) {
        MongoSettings settings = env.freshMongo("peer");
        try {
            MongoCollection<Document> c = env.mongoDatabase(settings).getCollection("customers");
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
            List<Document> seed = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                seed.add(doc(UUID.randomUUID().toString(), 1));
                if (seed.size() == 1_000) {
                    c.insertMany(seed);
                    seed.clear();
                }
            }
            Report.Table table = new Report.Table("operation (one command)", "median", "per document");
            List<String> existing = new ArrayList<>();
            c.find().projection(Projections.include("_id")).limit(1_000).forEach(d -> existing.add(d.getString("_id")));
            row(table, "find `_id $in` 1,000 absent ids", 1_000, () -> {
                List<String> ids = fresh(1_000);
                return time(() -> c.find(Filters.in("_id", ids)).into(new ArrayList<>()));
            });
            row(table, "find `_id $in` 1,000 present ids (projection `_v`)", 1_000,
                    () -> time(() -> c.find(Filters.in("_id", existing)).projection(Projections.include("_v")).into(new ArrayList<>())));
            row(table, "find `_id $in` 100 present ids, 10 times", 1_000, () -> time(() -> {
                for (int k = 0; k < 10; k++) {
                    c.find(Filters.in("_id", existing.subList(k * 100, k * 100 + 100))).into(new ArrayList<>());
                }
            }));
            row(table, "bulkWrite 1,000 InsertOne (new ids)", 1_000, () -> {
                List<WriteModel<Document>> m = new ArrayList<>();
                fresh(1_000).forEach(id -> m.add(new InsertOneModel<>(doc(id, 1))));
                return time(() -> c.bulkWrite(m, unordered));
            });
            row(table, "bulkWrite 1,000 ReplaceOne upsert (new ids)", 1_000, () -> {
                List<WriteModel<Document>> m = new ArrayList<>();
                fresh(1_000).forEach(id -> m.add(new ReplaceOneModel<>(Filters.eq("_id", id), doc(id, 1), upsert)));
                return time(() -> c.bulkWrite(m, unordered));
            });
            long[] version = {2};
            row(table, "bulkWrite 1,000 ReplaceOne upsert (present ids)", 1_000, () -> {
                List<WriteModel<Document>> m = new ArrayList<>();
                long v = version[0]++;
                existing.forEach(id -> m.add(new ReplaceOneModel<>(Filters.eq("_id", id), doc(id, v), upsert)));
                return time(() -> c.bulkWrite(m, unordered));
            });
            row(table, "bulkWrite 100 DeleteOne (present ids)", 100, () -> {
                List<String> ids = fresh(100);
                List<Document> docs = new ArrayList<>();
                ids.forEach(id -> docs.add(doc(id, 1)));
                c.insertMany(docs);
                List<WriteModel<Document>> m = new ArrayList<>();
                ids.forEach(id -> m.add(new DeleteOneModel<>(Filters.eq("_id", id))));
                return time(() -> c.bulkWrite(m, unordered));
            });
            row(table, "100 × replaceOne upsert, one at a time", 100, () -> {
                List<String> ids = fresh(100);
                return time(() -> ids.forEach(id -> c.replaceOne(Filters.eq("_id", id), doc(id, 1), upsert)));
            });
            row(table, "100 × deleteOne, one at a time", 100, () -> {
                List<String> ids = fresh(100);
                List<Document> docs = new ArrayList<>();
                ids.forEach(id -> docs.add(doc(id, 1)));
                c.insertMany(docs);
                return time(() -> ids.forEach(id -> c.deleteOne(Filters.eq("_id", id))));
            });
            report.section("1c. Where the mirror's time goes: the MongoDB peer's cost per operation")
                    .text("The building blocks of a mirror batch and of the old one-at-a-time pattern, timed on the same"
                            + " mongo-java-server (collection of about 20,000 customer documents). A batch reads the"
                            + " current `_v` of its rows with `_id $in` (the stale-write guard), writes with one unordered"
                            + " `bulkWrite`, then records tombstones for deletes.")
                    .table(table);
        } finally {
            env.dropMongo(settings);
        }
    }

    private static Document doc(String id, long version) {
        return new Document("_id", id).append("name", "Maria Garcia").append("phone", "+1 555 0101010")
                .append("email", "maria.garcia" + id.substring(0, 6) + "@example.com").append("address", "12 Market Street")
                .append("notes", null).append("name_sort", "maria garcia").append("version", version)
                .append("created_at", new java.util.Date()).append("updated_at", new java.util.Date()).append("_v", version);
    }

    private static List<String> fresh(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    private static void row(Report.Table table, String label, int docs, Supplier<Long> round) {
        long[] nanos = new long[7];
        round.get(); // warm-up
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = round.get();
        }
        Stats s = Stats.of(nanos);
        table.row(label, Stats.ms(s.p(50)), String.format(java.util.Locale.ROOT, "%.3f ms", s.p(50) / docs));
    }
}
