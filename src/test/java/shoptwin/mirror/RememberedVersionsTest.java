package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;

/**
 * The mirror remembers the versions it wrote instead of reading them back before every batch; a write
 * to the copy by anyone else (a resync) moves the copy's epoch under the write lock, and the mirror
 * forgets. Without that, an older change would overwrite the newer document the resync wrote.
 */
class RememberedVersionsTest {
    @AutoClose
    private final MirrorFixture f = new MirrorFixture();

    @Test
    void anOlderChangeNeverOverwritesWhatAResyncWroteMeanwhile() throws Exception {
        UUID id = UUID.randomUUID();
        List<String> seenAfterEachBatch = new CopyOnWriteArrayList<>();
        // one change per batch, so that the older change is applied on its own, after the "resync"
        MirrorService mirror = f.start(f.builder().batchSize(1).afterMongoWrite(() -> {
            Document d = f.mongo.getCollection("customers").find(Filters.eq("_id", id.toString())).first();
            seenAfterEachBatch.add(d == null ? "(none)" : d.getString("name"));
        }));
        f.sql("insert into public.customers(id, name) values ('" + id + "', 'one')");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && seenAfterEachBatch.contains("one"));

        try (Connection lock = f.db.openSessionConnection()) {
            // hold the write lock: the mirror's next batch waits for it, as it would behind a resync chunk
            MirrorLocks.lock(lock, MirrorLocks.WRITE_KEY);
            f.sql("update public.customers set name = 'two' where id = '" + id + "'",
                    "update public.customers set name = 'three' where id = '" + id + "'");
            long newest = f.count("select max(id) from shoptwin.change_log where row_id = '" + id + "'");
            // what a resync chunk does under the lock: move the epoch, then write the row's current state
            MirrorLocks.moveEpoch(lock);
            f.mongo.getCollection("customers").replaceOne(Filters.eq("_id", id.toString()),
                    new Document("_id", id.toString()).append("name", "three").append("_v", newest));
            MirrorLocks.unlock(lock, MirrorLocks.WRITE_KEY);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
        assertThat(seenAfterEachBatch).as("the change to 'two' is older than what the resync wrote").doesNotContain("two");
        assertThat(f.mongo.getCollection("customers").find(Filters.eq("_id", id.toString())).first().getString("name"))
                .isEqualTo("three");
        assertThat(mirror.health().state()).isEqualTo(MirrorHealth.State.RUNNING);
    }

    @Test
    void versionsAreRememberedOnlyOnceMongoAcknowledgedThemAndForgottenOnAnyFailure() {
        MongoCopy copy = new MongoCopy(f.mongo, 10);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        copy.apply(List.of(write(a, 5, "a"), write(b, 5, "b")), false);
        assertThat(copy.rememberedVersions()).isEqualTo(2);

        // remembered: an older change is refused without asking MongoDB
        assertThat(copy.apply(List.of(write(a, 4, "older")), false)).singleElement()
                .extracting(MongoCopy.Result::outcome).isEqualTo(MongoCopy.Outcome.STALE);

        f.client.close(); // MongoDB gone mid-batch: nothing of this batch is known to have landed
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> copy.apply(List.of(write(a, 9, "lost")), false))
                .isInstanceOf(RuntimeException.class);
        assertThat(copy.rememberedVersions()).isZero();
    }

    private static MongoCopy.Write write(String id, long version, String name) {
        return new MongoCopy.Write(MirrorTable.CUSTOMERS, id, new Document("_id", id).append("name", name), version);
    }
}
