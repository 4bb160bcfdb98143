package shoptwin.bench;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * Two stale-write guards without a read, tried on mongo-java-server (docs/benchmarks.md, "Tried and not
 * used"): a conditional upsert ({@code {_id, _v: {$not: {$gte: v}}}}, where a newer document turns the
 * upsert into E11000 on {@code _id}) and an update pipeline. Prints what the peer does with each and the
 * conditional upsert's cost next to the guard read and a plain upsert, on a 20,000-document collection.
 * Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.main=shoptwin.bench.GuardProbeBench}.
 */
public final class GuardProbeBench {
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private GuardProbeBench() {
    }

    static WriteModel<Document> conditional(String id, Document doc, long v) {
        return new ReplaceOneModel<>(Filters.and(Filters.eq("_id", id), Filters.not(Filters.gte("_v", v))), doc, UPSERT);
    }

    static WriteModel<Document> pipeline(String id, Document doc, long v) {
        Document cond = new Document("$cond", List.of(
                new Document("$lt", List.of(new Document("$ifNull", List.of("$_v", 0L)), v)),
                new Document("$literal", doc), "$$ROOT"));
        return new UpdateOneModel<>(Filters.eq("_id", id), List.of(new Document("$replaceWith", cond)),
                new UpdateOptions().upsert(true));
    }

    public static void main(String[] args) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> c = client.getDatabase("probe").getCollection("semantics");
            c.insertOne(new Document("_id", "a").append("_v", 10L));
            List<WriteModel<Document>> m = List.of(
                    conditional("a", new Document("_id", "a").append("_v", 5L), 5L),   // older: must not land
                    conditional("b", new Document("_id", "b").append("_v", 5L), 5L),   // absent: inserted
                    conditional("a", new Document("_id", "a").append("_v", 11L), 11L)); // newer: replaces
            try {
                System.out.println("conditional upsert: " + c.bulkWrite(m, UNORDERED));
            } catch (MongoBulkWriteException e) {
                e.getWriteErrors().forEach(w -> System.out.println("conditional upsert, op " + w.getIndex() + ": " + w.getMessage()));
            }
            c.find().forEach(d -> System.out.println("  " + d.toJson()));
            try {
                c.bulkWrite(List.of(pipeline("a", new Document("_id", "a").append("_v", 12L), 12L)), UNORDERED);
                System.out.println("update pipeline: accepted");
            } catch (MongoException e) {
                System.out.println("update pipeline: refused (" + e.getClass().getSimpleName() + ")");
            }
            for (int round = 0; round < 5; round++) {
                MongoCollection<Document> k = client.getDatabase("probe").getCollection("cost" + round);
                List<String> ids = new ArrayList<>();
                List<WriteModel<Document>> load = new ArrayList<>();
                for (int i = 0; i < 20_500; i++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    if (i < 20_000) {
                        load.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("_v", 5L), UPSERT));
                    }
                }
                k.bulkWrite(load, UNORDERED);
                List<String> batch = ids.subList(19_500, 20_500); // half present, half new
                long t0 = System.nanoTime();
                k.find(Filters.in("_id", batch)).projection(Projections.include("_v")).into(new ArrayList<>());
                long t1 = System.nanoTime();
                List<WriteModel<Document>> plain = new ArrayList<>();
                List<WriteModel<Document>> cond = new ArrayList<>();
                for (String id : batch) {
                    plain.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("_v", 6L), UPSERT));
                    cond.add(conditional(id, new Document("_id", id).append("_v", 7L), 7L));
                }
                k.bulkWrite(plain, UNORDERED);
                long t2 = System.nanoTime();
                k.bulkWrite(cond, UNORDERED);
                long t3 = System.nanoTime();
                System.out.printf("1,000 ids: guard read %.1f ms, plain upsert %.1f ms, conditional upsert %.1f ms%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
            }
        } finally {
            server.shutdownNow();
        }
    }
}
