package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.HistoryFormat;
import shoptwin.store.mongo.HistoryCoverage;

/** The idle leader prunes versions past the retention, keeping each row's starting point (issue 16, item 3). */
class HistoryPruningTest {
    @AutoClose
    private final MirrorFixture f = new MirrorFixture();

    private List<String> ops(UUID row) {
        List<Document> docs = new ArrayList<>();
        HistoryFormat.collection(f.mongo).find(Filters.eq(HistoryFormat.ROW_ID, row.toString())).into(docs);
        docs.sort(java.util.Comparator.comparing(HistoryFormat::changedAt));
        return docs.stream().map(d -> d.getString(HistoryFormat.OP) + " " + HistoryFormat.image(d).getString("notes")).toList();
    }

    private void sql(String... statements) {
        f.sql(statements);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
    }

    private static String insert(UUID id, String notes) {
        return "insert into public.customers (id, name, notes) values ('" + id + "', 'Customer', '" + notes + "')";
    }

    private static String update(UUID id, String notes) {
        return "update public.customers set notes = '" + notes + "' where id = '" + id + "'";
    }

    private static String delete(UUID id) {
        return "delete from public.customers where id = '" + id + "'";
    }

    @Test
    void versionsOlderThanTheCutOffGoButEachRowKeepsItsStartingPoint() throws Exception {
        UUID live = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        UUID changedSince = UUID.randomUUID();
        UUID deletedSince = UUID.randomUUID();
        f.start();
        sql(insert(live, "a1"), update(live, "a2"), update(live, "a3"),
                insert(gone, "b1"), delete(gone),
                insert(changedSince, "c1"),
                insert(deletedSince, "d1"), update(deletedSince, "d2"));
        assertThat(HistoryCoverage.completeSince(f.mongo)).isPresent();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(HistoryCoverage.completeSince(f.mongo).get().plusMillis(5)));
        Instant cutoff = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(cutoff.plusMillis(5)));
        sql(update(changedSince, "c2"), delete(deletedSince));

        // a pass with no time to spare stops after each row; the next one goes on where it stopped
        HistoryPruning pruning = new HistoryPruning(f.mongo, Clock.systemUTC());
        int passes = 1;
        while (!pruning.prune(cutoff, Duration.ZERO)) {
            passes++;
        }
        assertThat(passes).as("paced: one row per pass").isGreaterThan(1);

        assertThat(ops(live)).as("the latest version of a live row stays").containsExactly("update a3");
        assertThat(ops(gone)).as("deleted before the cut-off: nothing to keep").isEmpty();
        assertThat(ops(changedSince)).containsExactly("insert c1", "update c2");
        assertThat(ops(deletedSince)).as("the row as it was at the cut-off, then its delete").containsExactly("update d2", "delete d2");
        assertThat(HistoryCoverage.completeSince(f.mongo)).as("earlier moments are no longer restorable").contains(
                Instant.ofEpochMilli(cutoff.toEpochMilli()));

        long left = HistoryFormat.collection(f.mongo).countDocuments();
        assertThat(pruning.prune(cutoff, Duration.ofSeconds(5))).isTrue();
        assertThat(HistoryFormat.collection(f.mongo).countDocuments()).as("a second pass removes nothing more").isEqualTo(left);
    }

    @Test
    void theIdleLeaderPrunesPastTheRetentionOnItsOwn() throws Exception {
        UUID live = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        f.sql(insert(live, "v1"), update(live, "v2"), insert(gone, "x"), delete(gone));
        // a mirror whose clock says 91 days have passed: everything captured now is past a 90-day retention
        f.start(f.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(91))).historyRetention(Duration.ofDays(90)));
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && ops(gone).isEmpty());
        assertThat(ops(live)).containsExactly("update v2");
    }
}
