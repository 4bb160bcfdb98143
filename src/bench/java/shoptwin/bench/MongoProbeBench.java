package shoptwin.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
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

/** Timing of the mirror's MongoDB operations on mongo-java-server, one by one, to see where a batch's time goes. */
public final class MongoProbeBench {
    private MongoProbeBench() {
    }

    public static void main(String[] args) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> c = client.getDatabase("probe").getCollection("customers");
            MongoCollection<Document> t = client.getDatabase("probe").getCollection("tombs");
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            for (int round = 0; round < 12; round++) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    ids.add(UUID.randomUUID().toString());
                }
                long t0 = System.nanoTime();
                c.find(Filters.in("_id", ids)).projection(Projections.include("_v")).into(new ArrayList<>());
                long t1 = System.nanoTime();
                t.find(Filters.in("_id", ids)).into(new ArrayList<>());
                long t2 = System.nanoTime();
                List<WriteModel<Document>> models = new ArrayList<>();
                for (String id : ids) {
                    models.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("name", "x " + id)
                            .append("_v", 5L).append("version", 1L), upsert));
                }
                c.bulkWrite(models, new BulkWriteOptions().ordered(false));
                long t3 = System.nanoTime();
                List<WriteModel<Document>> inserts = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    String id = UUID.randomUUID().toString();
                    inserts.add(new com.mongodb.client.model.InsertOneModel<>(new Document("_id", id).append("name", "x " + id)
                            .append("_v", 5L).append("version", 1L)));
                }
                long i0 = System.nanoTime();
                c.bulkWrite(inserts, new BulkWriteOptions().ordered(false));
                System.out.printf("  insert 1000 %6.1f ms;", (System.nanoTime() - i0) / 1e6);
                List<WriteModel<Document>> replaces = new ArrayList<>();
                for (String id : ids) {
                    replaces.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("name", "y " + id)
                            .append("_v", 6L).append("version", 2L), upsert));
                }
                long r0 = System.nanoTime();
                c.bulkWrite(replaces, new BulkWriteOptions().ordered(false));
                System.out.printf("  replace 1000 existing %6.1f ms;", (System.nanoTime() - r0) / 1e6);
                List<WriteModel<Document>> tombs = new ArrayList<>();
                List<WriteModel<Document>> dels = new ArrayList<>();
                for (String id : ids.subList(0, 100)) {
                    dels.add(new DeleteOneModel<>(Filters.eq("_id", id)));
                    tombs.add(new ReplaceOneModel<>(Filters.eq("_id", "customers:" + id), new Document("_id", "customers:" + id).append("_v", 9L), upsert));
                }
                c.bulkWrite(dels, new BulkWriteOptions().ordered(false));
                long t4 = System.nanoTime();
                t.bulkWrite(tombs, new BulkWriteOptions().ordered(false));
                long t5 = System.nanoTime();
                long x0 = System.nanoTime();
                int found = c.find(Filters.in("_id", ids)).projection(Projections.include("_v")).into(new ArrayList<>()).size();
                long x1 = System.nanoTime();
                int found2 = c.find(Filters.in("_id", ids)).batchSize(5000).projection(Projections.include("_v")).into(new ArrayList<>()).size();
                long x2 = System.nanoTime();
                System.out.printf("  $in existing (%d) with projection %.1f ms, with batchSize 5000 %.1f ms;", found, (x1 - x0) / 1e6, (x2 - x1) / 1e6);
                System.out.printf("docs %6d: $in %5.1f ms, tomb $in %5.1f ms, bulk upsert 1000 %6.1f ms, 100 deletes %5.1f ms, 100 tombs %5.1f ms%n",
                        c.countDocuments(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
            }
        } finally {
            server.shutdownNow();
        }
    }
}
