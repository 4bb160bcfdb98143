package shoptwin.bench;

import com.mongodb.client.MongoDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.bson.Document;
import shoptwin.store.postgres.Database;

/**
 * One shop clerk's writes, as plain JDBC with autocommit: insert, update and delete of customers.
 * With {@code oldDesign} set, each write is followed in the same thread by the old app's copy of that
 * row to MongoDB (replaceOne upsert on _id, or deleteOne).
 */
final class CustomerWriter implements AutoCloseable {
    private static final String INSERT = "insert into public.customers (id, name, phone, email, address, notes) "
            + "values (?, ?, ?, ?, ?, ?) returning *";
    private static final String UPDATE = "update public.customers set name = ?, notes = ? where id = ? returning *";
    private static final String DELETE = "delete from public.customers where id = ?";

    private final Connection connection;
    private final MongoDatabase oldDesignMongo;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final Random random;
    final List<UUID> mine = new ArrayList<>();
    long inserts;
    long updates;
    long deletes;

    CustomerWriter(DataSource dataSource, MongoDatabase oldDesignMongo, long seed) throws SQLException {
        this.connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        this.oldDesignMongo = oldDesignMongo;
        this.insert = connection.prepareStatement(INSERT);
        this.update = connection.prepareStatement(UPDATE);
        this.delete = connection.prepareStatement(DELETE);
        this.random = new Random(seed);
    }

    /** 50% inserts, 30% updates, 20% deletes of this writer's own customers (writers never collide). */
    void randomOp() throws SQLException {
        int dice = random.nextInt(10);
        if (mine.isEmpty() || dice < 5) {
            insert(UUID.randomUUID());
        } else if (dice < 8) {
            update(mine.get(random.nextInt(mine.size())));
        } else {
            int at = random.nextInt(mine.size());
            UUID id = mine.get(at);
            mine.set(at, mine.get(mine.size() - 1));
            mine.remove(mine.size() - 1);
            delete(id);
        }
    }

    void insert(UUID id) throws SQLException {
        insert.setObject(1, id);
        insert.setString(2, BenchData.randomName(random));
        insert.setString(3, "+1 555 " + (1_000_000 + random.nextInt(9_000_000)));
        insert.setString(4, "clerk" + random.nextInt(1_000_000) + "@example.com");
        insert.setString(5, random.nextInt(1000) + " Market Street");
        insert.setString(6, null);
        copy(insert);
        mine.add(id);
        inserts++;
    }

    void update(UUID id) throws SQLException {
        update.setString(1, BenchData.randomName(random));
        update.setString(2, "updated " + random.nextInt(1000));
        update.setObject(3, id);
        copy(update);
        updates++;
    }

    void delete(UUID id) throws SQLException {
        delete.setObject(1, id);
        delete.executeUpdate();
        if (oldDesignMongo != null) {
            OldDesign.delete(oldDesignMongo, "customers", id);
        }
        deletes++;
    }

    private void copy(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            if (rs.next() && oldDesignMongo != null) {
                Document doc = OldDesign.fromRow(rs);
                OldDesign.replace(oldDesignMongo, "customers", doc);
            }
        }
    }

    long ops() {
        return inserts + updates + deletes;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * Runs {@code writers} writers (seeds seedBase, seedBase + 1, ...) sharing {@code ops} random
     * operations to completion; returns their wall time in seconds.
     */
    static double drive(Database db, MongoDatabase oldDesignMongo, int writers, int ops, int seedBase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<CustomerWriter> ws = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                ws.add(new CustomerWriter(db.dataSource(), oldDesignMongo, seedBase + i));
            }
            List<Future<?>> done = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < writers; i++) {
                CustomerWriter w = ws.get(i);
                int share = ops / writers + (i < ops % writers ? 1 : 0);
                done.add(pool.submit(() -> {
                    for (int k = 0; k < share; k++) {
                        w.randomOp();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (CustomerWriter w : ws) {
                w.close();
            }
            return seconds;
        } finally {
            pool.shutdownNow();
        }
    }
}
