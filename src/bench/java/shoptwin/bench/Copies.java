package shoptwin.bench;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import shoptwin.store.postgres.Database;

/**
 * The bench's own check that nothing was lost: every row's id and version in PostgreSQL against the
 * copy, independent of ShopTwin's Verify.
 */
final class Copies {
    record Outcome(long rows, long missing, long extra, long stale) {
        boolean exact() {
            return missing == 0 && extra == 0 && stale == 0;
        }

        @Override
        public String toString() {
            return Stats.count(rows) + " rows; missing " + missing + ", extra " + extra + ", stale " + stale
                    + (exact() ? " (nothing lost)" : " (DIFFERS)");
        }
    }

    private Copies() {
    }

    static String compare(Database db, MongoDatabase mongo) throws Exception {
        return outcome(db, mongo).toString();
    }

    static Outcome outcome(Database db, MongoDatabase mongo) throws Exception {
        long rows = 0;
        long missing = 0;
        long extra = 0;
        long stale = 0;
        for (String table : new String[] {"customers", "payments"}) {
            Map<String, Long> versions = new HashMap<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery("select id::text, version from public." + table)) {
                    while (rs.next()) {
                        versions.put(rs.getString(1), rs.getLong(2));
                    }
                }
                c.commit();
            }
            rows += versions.size();
            try (MongoCursor<Document> it = mongo.getCollection(OldDesign.collection(table)).find()
                    .projection(Projections.include("version")).batchSize(10_000).iterator()) {
                while (it.hasNext()) {
                    Document d = it.next();
                    Long expected = versions.remove(String.valueOf(d.get("_id")));
                    Number version = d.get("version", Number.class);
                    if (expected == null) {
                        extra++;
                    } else if (version == null || version.longValue() != expected) {
                        stale++;
                    }
                }
            }
            missing += versions.size();
        }
        return new Outcome(rows, missing, extra, stale);
    }
}
