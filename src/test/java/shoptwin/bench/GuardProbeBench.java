package shoptwin.bench;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/** Scratch: conditional upsert as the stale-write guard, on mongo-java-server. */
public final class GuardProbeBench {
    static WriteModel<Document> pipe(String id, Document doc, long v) {
        Document cond = new Document("$cond", java.util.List.of(
                new Document("$lt", java.util.List.of(new Document("$ifNull", java.util.List.of("$_v", 0L)), v)),
                new Document("$literal", doc), "$$ROOT"));
        return new com.mongodb.client.model.UpdateOneModel<>(Filters.eq("_id", id),
                java.util.List.of(new Document("$replaceWith", cond)), new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    public static void main(String[] args) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> c = client.getDatabase("probe").getCollection("customers");
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            c.insertOne(new Document("_id", "a").append("_v", 10L));
            c.insertOne(new Document("_id", "b"));
            List<WriteModel<Document>> m = new ArrayList<>();
            m.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.not(Filters.gte("_v", 5L))), new Document("_id", "a").append("_v", 5L), upsert));
            m.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "b"), Filters.not(Filters.gte("_v", 5L))), new Document("_id", "b").append("_v", 5L), upsert));
            m.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "c"), Filters.not(Filters.gte("_v", 5L))), new Document("_id", "c").append("_v", 5L), upsert));
            m.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.not(Filters.gte("_v", 11L))), new Document("_id", "a").append("_v", 11L).append("x", 1), upsert));
            m.add(pipe("a", new Document("_id", "a").append("_v", 3L).append("x", "$stale"), 3L));
            m.add(pipe("b", new Document("_id", "b").append("_v", 12L).append("x", "$name"), 12L));
            m.add(pipe("d", new Document("_id", "d").append("_v", 13L).append("x", new Document("$gt", 1)), 13L));
            try {
                System.out.println(c.bulkWrite(m, new BulkWriteOptions().ordered(false)));
            } catch (MongoBulkWriteException e) {
                e.getWriteErrors().forEach(w -> System.out.println("error " + w.getIndex() + " " + w.getCode() + " " + w.getMessage() + " " + w.getDetails()));
                System.out.println(e.getWriteResult());
            }
            c.find().forEach(d -> System.out.println(d.toJson()));
            for (int round = 0; round < 10; round++) {
                MongoCollection<Document> k = client.getDatabase("probe").getCollection("k" + round);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 21000; i++) {
                    ids.add(UUID.randomUUID().toString());
                }
                List<WriteModel<Document>> pre = new ArrayList<>();
                for (String id : ids.subList(0, 20000)) {
                    pre.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("name", "x").append("_v", 5L), upsert));
                }
                k.bulkWrite(pre, new BulkWriteOptions().ordered(false));
                List<String> batch = new ArrayList<>(ids.subList(19500, 20500)); // half present, half new
                long t0 = System.nanoTime();
                k.find(Filters.in("_id", batch)).projection(Projections.include("_v")).into(new ArrayList<>());
                long t1 = System.nanoTime();
                List<WriteModel<Document>> plain = new ArrayList<>();
                for (String id : batch) {
                    plain.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("name", "y").append("_v", 6L), upsert));
                }
                k.bulkWrite(plain, new BulkWriteOptions().ordered(false));
                long t2 = System.nanoTime();
                List<WriteModel<Document>> cond = new ArrayList<>();
                for (String id : batch) {
                    cond.add(pipe(id, new Document("_id", id).append("name", "$z").append("_v", 7L), 7L));
                }
                k.bulkWrite(cond, new BulkWriteOptions().ordered(false));
                long t3 = System.nanoTime();
                List<String> tomb = new ArrayList<>();
                batch.forEach(id -> tomb.add("customers:" + id));
                client.getDatabase("probe").getCollection("tombs").find(Filters.in("_id", tomb)).into(new ArrayList<>());
                long t4 = System.nanoTime();
                System.out.printf("guard read %.1f ms, plain upsert %.1f ms, conditional upsert %.1f ms, tomb read %.1f ms%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
            }
        } finally {
            server.shutdownNow();
        }
    }
}
