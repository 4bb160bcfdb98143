package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import shoptwin.config.MongoSettings;
import shoptwin.testing.TestDatabases;

/** The stale-write guard holds for a whole batch of hundreds of rows, older and newer. */
class MongoCopyGuardTest {
    private final MongoClient client = TestDatabases.mongoClient();
    private final MongoSettings mongo = TestDatabases.freshMongo();
    private final MongoCopy copy = new MongoCopy(client.getDatabase(mongo.database()));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aLargeBatchOfOlderChangesNeverRegressesAnyDocument() {
        int n = 437;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        assertThat(copy.apply(writes(ids, 10, "new"), false)).allMatch(r -> r.outcome() == MongoCopy.Outcome.APPLIED);

        List<MongoCopy.Result> older = copy.apply(writes(ids, 5, "old"), false);
        assertThat(older).hasSize(n).allMatch(r -> r.outcome() == MongoCopy.Outcome.STALE);
        assertThat(copy.collection(MirrorTable.CUSTOMERS).countDocuments(new Document("name", "new"))).isEqualTo(n);

        List<MongoCopy.Result> newer = copy.apply(writes(ids, 11, "newer"), false);
        assertThat(newer).allMatch(r -> r.outcome() == MongoCopy.Outcome.APPLIED);
        assertThat(copy.collection(MirrorTable.CUSTOMERS).countDocuments(new Document("name", "newer"))).isEqualTo(n);
    }

    private static List<MongoCopy.Write> writes(List<String> ids, long version, String name) {
        List<MongoCopy.Write> out = new ArrayList<>();
        for (String id : ids) {
            out.add(new MongoCopy.Write(MirrorTable.CUSTOMERS, id, new Document("_id", id).append("name", name), version));
        }
        return out;
    }
}
