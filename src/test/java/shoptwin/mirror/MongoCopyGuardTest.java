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
import shoptwin.store.copy.MirrorTable;
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

    @Test
    void aFreshRowIsInsertedWithoutReadingItsVersionButNeverOverAnything() {
        String absent = UUID.randomUUID().toString();
        String newer = UUID.randomUUID().toString();
        String older = UUID.randomUUID().toString();
        String equal = UUID.randomUUID().toString();
        String deletedLater = UUID.randomUUID().toString();
        copy.apply(List.of(write(newer, 20, "already newer"), write(older, 5, "older"), write(equal, 9, "equal"),
                write(deletedLater, 3, "doomed")), false);
        copy.apply(List.of(new MongoCopy.Write(MirrorTable.CUSTOMERS, deletedLater, null, 30)), false);

        // a replayed batch or a resync can leave documents where a creating change expects none
        List<MongoCopy.Result> results = copy.apply(List.of(fresh(absent, 9), fresh(newer, 9), fresh(older, 9),
                fresh(equal, 9), fresh(deletedLater, 9)), false);

        assertThat(results).hasSize(5);
        assertThat(outcomeOf(results, absent)).isEqualTo(MongoCopy.Outcome.APPLIED);
        assertThat(outcomeOf(results, newer)).isEqualTo(MongoCopy.Outcome.STALE);
        assertThat(outcomeOf(results, older)).isEqualTo(MongoCopy.Outcome.APPLIED);
        assertThat(outcomeOf(results, equal)).isEqualTo(MongoCopy.Outcome.STALE);
        assertThat(outcomeOf(results, deletedLater)).isEqualTo(MongoCopy.Outcome.STALE);
        assertThat(nameOf(absent)).isEqualTo("fresh");
        assertThat(nameOf(newer)).isEqualTo("already newer");
        assertThat(nameOf(older)).isEqualTo("fresh");
        assertThat(nameOf(equal)).isEqualTo("equal");
        assertThat(copy.collection(MirrorTable.CUSTOMERS).countDocuments(new Document("_id", deletedLater))).isZero();
    }

    @Test
    void aFreshRowThatBreaksAnotherUniqueIndexIsRejectedNotTakenForStale() {
        copy.collection(MirrorTable.CUSTOMERS).createIndex(new Document("email", 1), new com.mongodb.client.model.IndexOptions().unique(true));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        copy.apply(List.of(new MongoCopy.Write(MirrorTable.CUSTOMERS, first, new Document("_id", first).append("email", "a@b.c"), 1, true)), false);

        List<MongoCopy.Result> results = copy.apply(List.of(
                new MongoCopy.Write(MirrorTable.CUSTOMERS, second, new Document("_id", second).append("email", "a@b.c"), 2, true)), false);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(MongoCopy.Outcome.REJECTED);
            assertThat(r.error()).contains("11000");
        });
        assertThat(copy.collection(MirrorTable.CUSTOMERS).countDocuments(new Document("_id", second))).isZero();
    }

    private MongoCopy.Write fresh(String id, long version) {
        return new MongoCopy.Write(MirrorTable.CUSTOMERS, id, new Document("_id", id).append("name", "fresh"), version, true);
    }

    private static MongoCopy.Write write(String id, long version, String name) {
        return new MongoCopy.Write(MirrorTable.CUSTOMERS, id, new Document("_id", id).append("name", name), version);
    }

    private static MongoCopy.Outcome outcomeOf(List<MongoCopy.Result> results, String id) {
        return results.stream().filter(r -> r.write().id().equals(id)).findFirst().orElseThrow().outcome();
    }

    private String nameOf(String id) {
        return copy.collection(MirrorTable.CUSTOMERS).find(new Document("_id", id)).first().getString("name");
    }

    private static List<MongoCopy.Write> writes(List<String> ids, long version, String name) {
        List<MongoCopy.Write> out = new ArrayList<>();
        for (String id : ids) {
            out.add(new MongoCopy.Write(MirrorTable.CUSTOMERS, id, new Document("_id", id).append("name", name), version));
        }
        return out;
    }
}
