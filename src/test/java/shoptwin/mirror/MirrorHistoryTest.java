package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.HistoryFormat;
import shoptwin.store.mongo.HistoryCoverage;

/** The mirror records every version of every row in shoptwin_history, in the same batch as the copy (issue 16). */
class MirrorHistoryTest {
    @AutoClose
    private final MirrorFixture f = new MirrorFixture();

    private List<Document> versionsOf(String rowId) {
        List<Document> out = new ArrayList<>();
        HistoryFormat.collection(f.mongo).find(Filters.eq(HistoryFormat.ROW_ID, rowId)).into(out);
        out.sort(java.util.Comparator.comparing(HistoryFormat::changedAt));
        return out;
    }

    private long versions() {
        return HistoryFormat.collection(f.mongo).countDocuments(Filters.exists(HistoryFormat.OP));
    }

    @Test
    void threeUpdatesOfOneRowMirroredInOneBatchLeaveFourVersions() {
        UUID id = UUID.randomUUID();
        // written while no mirror runs: the four changes wait in the change log and go in one batch
        f.sql("insert into public.customers (id, name, phone) values ('" + id + "', 'Asha', '111111')",
                "update public.customers set phone = '222222' where id = '" + id + "'",
                "update public.customers set phone = '333333' where id = '" + id + "'",
                "update public.customers set name = 'Asha Rao' where id = '" + id + "'");
        f.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);

        List<Document> v = versionsOf(id.toString());
        assertThat(v).extracting(d -> d.getString(HistoryFormat.OP)).containsExactly("insert", "update", "update", "update");
        assertThat(v).extracting(d -> d.get(HistoryFormat.VERSION)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(v).extracting(d -> HistoryFormat.image(d).getString("phone")).containsExactly("111111", "222222", "333333", "333333");
        assertThat(v.get(3).get(HistoryFormat.ROW, Document.class).getString("name")).isEqualTo("Asha Rao");
        assertThat(v).allSatisfy(d -> {
            assertThat(d.getString(HistoryFormat.TABLE)).isEqualTo("customers");
            assertThat(d.getString(HistoryFormat.CUSTOMER)).isEqualTo(id.toString());
            assertThat(d.get(HistoryFormat.ROW, Document.class).get("_id")).isEqualTo(id.toString());
            assertThat(d.get(HistoryFormat.ROW, Document.class)).doesNotContainKey("_v");
            assertThat(d.get(HistoryFormat.ACTOR, Document.class).getString("user")).isEqualTo("project_owner");
        });
        // the copy has only the last of them
        Document copy = f.mongo.getCollection("customers").find(Filters.eq("_id", id.toString())).first();
        assertThat(copy.get("version")).isEqualTo(4L);
        assertThat(HistoryFormat.changedAt(v.get(0))).isBefore(HistoryFormat.changedAt(v.get(1)));
    }

    @Test
    void aReplayedBatchAddsNoVersionTwice() {
        AtomicBoolean crashNext = new AtomicBoolean(true);
        AtomicBoolean crashed = new AtomicBoolean();
        f.start(f.builder().afterMongoWrite(() -> {
            if (crashNext.getAndSet(false)) {
                crashed.set(true);
                throw new MirrorFaultTest.SimulatedCrash();
            }
        }));
        f.tx(c -> {
            MirrorFixture.insertCustomers(c, 20, "Replay");
            try (var s = c.createStatement()) {
                s.execute("update public.customers set notes = 'edited' where name like 'Replay 1%'");
                s.execute("delete from public.customers where name = 'Replay 7'");
            }
        });
        long changes = f.backlog();
        await().atMost(Duration.ofSeconds(20)).untilTrue(crashed);
        // the history and the copy were written, the change log was not trimmed: the batch will come again
        assertThat(versions()).isEqualTo(changes);
        assertThat(f.backlog()).isEqualTo(changes);

        f.start(); // the console restarts and applies the same batch again
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
        assertThat(versions()).isEqualTo(changes);
        List<Object> ids = new ArrayList<>();
        HistoryFormat.collection(f.mongo).find().forEach(d -> ids.add(d.get("_id")));
        assertThat(ids).doesNotHaveDuplicates();
        VerifyReport report = f.verify();
        assertThat(report.isEqual()).as(report.describe()).isTrue();
    }

    @Test
    void aDeleteRecordsTheRowAsItWasAndAParkedChangeIsRecordedWhenFinallyApplied() throws Exception {
        MirrorService mirror = f.start();
        f.sql("insert into public.customers (name, email) values ('Ravi', 'ravi@shop.example')");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
        String ravi = f.mongo.getCollection("customers").find().first().getString("_id");
        // a rule of this copy that the next change breaks: it is parked, and has no history yet
        f.mongo.getCollection("customers").createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        f.sql("insert into public.customers (name, email) values ('Ravi twin', 'ravi@shop.example')");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0
                && f.count("select count(*) from shoptwin.parked_change where retried_at is null") == 1);
        f.sql("delete from public.customers where id = '" + ravi + "'");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);

        List<Document> raviVersions = versionsOf(ravi);
        assertThat(raviVersions).extracting(d -> d.getString(HistoryFormat.OP)).containsExactly("insert", "delete");
        Document deleted = raviVersions.get(1);
        assertThat(deleted).doesNotContainKey(HistoryFormat.ROW);
        assertThat(deleted.get(HistoryFormat.DELETED_ROW, Document.class).getString("name")).isEqualTo("Ravi");
        assertThat(deleted.get(HistoryFormat.VERSION)).isEqualTo(1L);
        assertThat(versions()).as("the parked insert is not in the history yet").isEqualTo(2);

        f.mongo.getCollection("customers").dropIndex("email_1");
        mirror.retryParked(List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && versions() == 3);
        Document twin = HistoryFormat.collection(f.mongo).find(Filters.eq(HistoryFormat.OP, "insert"))
                .sort(Sorts.descending(HistoryFormat.CHANGE_ID)).first();
        assertThat(twin.get(HistoryFormat.ROW, Document.class).getString("name")).isEqualTo("Ravi twin");
    }

    @Test
    void aNewShopsHistoryIsCompleteFromTheFirstLeaderOn() throws Exception {
        f.sql("insert into public.customers (name) values ('Before the first mirror')");
        f.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
        assertThat(HistoryCoverage.completeSince(f.mongo)).isPresent();
    }

    @Test
    void anExistingShopsHistoryHasNoStartUntilAResyncRecordsEveryRow() throws Exception {
        // rows that never went through the change log (there before ShopTwin: triggers off)
        shoptwin.testing.Sql.run(shoptwin.testing.TestDatabases.asSuperuser(f.pgSettings), "set session_replication_role = replica",
                "insert into public.customers (name) select 'Old ' || i from generate_series(1, 30) i");
        f.start();
        f.sql("insert into public.customers (name) values ('New')");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && versions() == 1);
        assertThat(HistoryCoverage.completeSince(f.mongo)).isEmpty();

        new Resync(f.db, f.mongo).run();
        assertThat(HistoryCoverage.completeSince(f.mongo)).isPresent();
        assertThat(HistoryFormat.collection(f.mongo).countDocuments(Filters.eq(HistoryFormat.OP, "snapshot")))
                .as("every row without history got its starting point, the one with history none").isEqualTo(30);
        new Resync(f.db, f.mongo).run();
        assertThat(HistoryFormat.collection(f.mongo).countDocuments(Filters.eq(HistoryFormat.OP, "snapshot")))
                .as("a second resync finds every row recorded").isEqualTo(30);
    }
}
