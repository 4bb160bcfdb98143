package shoptwin.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/** The big shop (customers + payments) that resync, search and the app share, loaded once per run. */
final class SharedData implements AutoCloseable {
    private final BenchEnv env;
    private final Scale scale;
    private Database shop;
    private MongoSettings copy;
    double loadSeconds;

    SharedData(BenchEnv env, Scale scale) {
        this.env = env;
        this.scale = scale;
    }

    Database shop() throws Exception {
        if (shop == null) {
            shop = env.freshPostgres("shop", 8);
            long t0 = System.nanoTime();
            BenchData.bulkLoad(shop, scale.customers(), scale.paymentsPerCustomer());
            loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("loaded %,d customers and %,d payments in %.1f s%n", scale.customers(),
                    (long) scale.customers() * scale.paymentsPerCustomer(), loadSeconds);
        }
        return shop;
    }

    long rows() {
        return (long) scale.customers() * (1 + scale.paymentsPerCustomer());
    }

    /** The MongoDB copy of {@link #shop()}: ShopTwin's resync made it, or (if resync did not run) a plain bulk copy. */
    MongoSettings copy() throws Exception {
        if (copy == null) {
            MongoSettings target = env.freshMongo("shop_copy");
            bulkCopy(shop(), env.mongoDatabase(target));
            copy = target;
        }
        return copy;
    }

    void useCopy(MongoSettings resynced) {
        if (copy != null && !copy.equals(resynced)) {
            env.dropMongo(copy);
        }
        copy = resynced;
    }

    static void bulkCopy(Database db, MongoDatabase mongo) throws Exception {
        for (String table : new String[] {"customers", "payments"}) {
            MongoCollection<Document> coll = mongo.getCollection(table);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.setFetchSize(5_000);
                try (ResultSet rs = s.executeQuery("select * from public." + table)) {
                    List<Document> batch = new ArrayList<>();
                    while (rs.next()) {
                        batch.add(OldDesign.fromRow(rs));
                        if (batch.size() == 1_000) {
                            coll.insertMany(batch);
                            batch.clear();
                        }
                    }
                    if (!batch.isEmpty()) {
                        coll.insertMany(batch);
                    }
                }
                c.commit();
            }
        }
    }

    @Override
    public void close() {
        if (shop != null) {
            env.dropPostgres(shop);
        }
        if (copy != null) {
            env.dropMongo(copy);
        }
    }
}
