package shoptwin.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/** Does mongo-java-server use a non-unique single-field index for {@code customer_id $in [50 ids]}? */
public final class MongoIndexProbeBench {
    private MongoIndexProbeBench() {
    }

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> p = client.getDatabase("probe").getCollection("payments");
            List<String> ids = new ArrayList<>();
            List<Document> batch = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                String cid = UUID.randomUUID().toString();
                if (c % (customers / 50) == 0) {
                    ids.add(cid);
                }
                for (int k = 0; k < 10; k++) {
                    batch.add(new Document("_id", UUID.randomUUID().toString()).append("customer_id", cid).append("amount", k));
                }
                if (batch.size() >= 1000) {
                    p.insertMany(batch);
                    batch.clear();
                }
            }
            for (int phase = 0; phase < 2; phase++) {
                if (phase == 1) {
                    long t0 = System.nanoTime();
                    p.createIndex(Indexes.ascending("customer_id"));
                    System.out.printf("createIndex %.0f ms%n", (System.nanoTime() - t0) / 1e6);
                }
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = System.nanoTime();
                    int n = p.find(Filters.in("customer_id", ids)).into(new ArrayList<>()).size();
                    long e0 = System.nanoTime();
                    int m = 0;
                    for (String id : ids) {
                        m += p.find(Filters.eq("customer_id", id)).into(new ArrayList<>()).size();
                    }
                    System.out.printf("  50 x eq: %d in %.1f ms%n", m, (System.nanoTime() - e0) / 1e6);
                    System.out.printf("%s: %d payments of 50 customers among %,d in %.1f ms%n", phase == 0 ? "no index" : "index",
                            n, customers * 10, (System.nanoTime() - t0) / 1e6);
                }
            }
        } finally {
            server.shutdownNow();
        }
    }
}
