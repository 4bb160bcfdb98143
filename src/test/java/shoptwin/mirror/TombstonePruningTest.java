package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;

/**
 * Tombstones do not pile up forever: once older than the retention, and older than every change that
 * may still be applied (in the log, or parked), the idle mirror removes them. A parked older change
 * keeps its row's tombstone, so that retrying it later cannot bring the deleted row back.
 */
class TombstonePruningTest {
    @AutoClose
    private final MirrorFixture f = new MirrorFixture();

    @Test
    void theIdleMirrorRemovesTombstonesNothingCanNeedAnyMore() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        f.sql("insert into public.customers(id, name) values ('" + a + "', 'A'), ('" + b + "', 'B')",
                "delete from public.customers where id in ('" + a + "', '" + b + "')");
        MirrorService keeping = f.start(); // the default retention: a week
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && tombstones() == 2);
        keeping.close();

        f.start(f.builder().tombstoneRetention(Duration.ZERO));
        await().atMost(Duration.ofSeconds(20)).until(() -> tombstones() == 0);
        assertThat(f.verify().isEqual()).isTrue();
    }

    @Test
    void aTombstoneOlderThanAParkedChangeIsKeptAndOthersAreNot() throws Exception {
        MongoCopy copy = new MongoCopy(f.mongo);
        String kept = UUID.randomUUID().toString();
        String gone = UUID.randomUUID().toString();
        copy.apply(java.util.List.of(new MongoCopy.Write(MirrorTable.CUSTOMERS, kept, null, 50),
                new MongoCopy.Write(MirrorTable.CUSTOMERS, gone, null, 10)), false);
        // a change parked at id 20: older than kept's delete (50), newer than gone's (10)
        f.sql("insert into shoptwin.parked_change (id, table_name, op, row_id, row_data, changed_at, error) "
                + "values (20, 'customers', 'INSERT', '" + kept + "', '{}', now(), 'test')");
        long below = new ChangeLog(f.db.dataSource()).oldestUnappliedId().orElseThrow();
        assertThat(below).isEqualTo(20);

        long pruned = copy.pruneTombstones(new java.util.Date(System.currentTimeMillis() + 1_000), below);

        assertThat(pruned).isEqualTo(1);
        assertThat(f.mongo.getCollection(CopyFormat.TOMBSTONES).countDocuments(new Document("_id", "customers:" + kept))).isEqualTo(1);
        assertThat(f.mongo.getCollection(CopyFormat.TOMBSTONES).countDocuments(new Document("_id", "customers:" + gone))).isZero();
        // and a recent tombstone stays whatever its version
        assertThat(copy.pruneTombstones(new java.util.Date(System.currentTimeMillis() - 60_000), Long.MAX_VALUE)).isZero();
    }

    private long tombstones() {
        return f.mongo.getCollection(CopyFormat.TOMBSTONES).countDocuments();
    }
}
