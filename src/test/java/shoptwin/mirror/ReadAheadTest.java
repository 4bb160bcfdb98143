package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;

/**
 * While catching up, the mirror reads and maps the next batch while it writes the current one. Rows
 * changed again and again across batch boundaries, and deleted, still end exactly as in PostgreSQL.
 */
class ReadAheadTest {
    @AutoClose
    private final MirrorFixture f = new MirrorFixture();

    @Test
    void aBacklogOfManyFullBatchesWithRowsChangedAcrossThemEndsEqual() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(UUID.randomUUID());
        }
        f.tx(c -> {
            try (PreparedStatement ins = c.prepareStatement("insert into public.customers(id, name) values (?, ?)")) {
                for (UUID id : ids) {
                    ins.setObject(1, id);
                    ins.setString(2, "new " + id);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        });
        for (int round = 1; round <= 3; round++) {
            int r = round;
            f.tx(c -> {
                try (PreparedStatement up = c.prepareStatement("update public.customers set name = ? where id = ?")) {
                    for (UUID id : ids) {
                        up.setString(1, "round " + r);
                        up.setObject(2, id);
                        up.addBatch();
                    }
                    up.executeBatch();
                }
            });
        }
        f.sql("delete from public.customers where name = 'round 3' and id::text like '%a'");
        long backlog = f.backlog();
        assertThat(backlog).isGreaterThan(37 * 20);

        f.start(f.builder().batchSize(37)); // batch boundaries fall inside each round and split rows' histories
        await().atMost(Duration.ofSeconds(60)).until(() -> f.backlog() == 0);

        VerifyReport report = f.verify();
        assertThat(report.isEqual()).as(report.describe()).isTrue();
        assertThat(report.table(MirrorTable.CUSTOMERS).rows()).isEqualTo(f.count("select count(*) from public.customers"));
    }
}
