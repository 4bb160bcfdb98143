package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Writers NOTIFY only while the mirror waits for them (migration V13): under a steady stream the
 * leader polls and tells writers not to, spares them NOTIFY's commit lock, and goes back to waiting
 * for notifications once the stream stops. Nothing is missed on either side of the switch.
 */
class WakeByNotifyTest {
    @AutoClose
    private final MirrorFixture f = new MirrorFixture();

    @Test
    void writersNotifyUnlessTheLeaderSaidItPolls() throws Exception {
        try (Connection listener = f.db.openSessionConnection(); Statement s = listener.createStatement()) {
            s.execute("listen shoptwin_change");
            PGConnection pg = listener.unwrap(PGConnection.class);

            f.sql("insert into public.customers(name) values ('no leader yet')");
            assertThat(notifications(pg, 5_000)).as("no leader row: writers notify").isNotEmpty();

            f.sql("insert into shoptwin.mirror_leader (singleton, instance_id, host, pid, backend_pid, since, wake_by_notify) "
                    + "values (true, gen_random_uuid(), 'test', 1, 1, now(), false)");
            f.sql("insert into public.customers(name) values ('while the leader polls')");
            assertThat(notifications(pg, 500)).as("the leader polls: no notification").isEmpty();

            f.sql("update shoptwin.mirror_leader set wake_by_notify = true");
            f.sql("insert into public.customers(name) values ('the leader waits again')");
            assertThat(notifications(pg, 5_000)).as("the leader waits: writers notify again").isNotEmpty();
        }
        assertThat(f.backlog()).as("every change was captured either way").isEqualTo(3);
    }

    @Test
    void aSteadyStreamSwitchesTheLeaderToPollingAndItsEndBackToNotifications() throws Exception {
        // a poll fallback far longer than the test: only a NOTIFY can wake the mirror quickly once it waits
        MirrorService mirror = f.start(f.builder().pollInterval(Duration.ofSeconds(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> mirror.health().state() == MirrorHealth.State.RUNNING);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicBoolean sawPolling = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<UUID> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            Future<?> writer = pool.submit(() -> {
                try (Connection c = f.db.dataSource().getConnection();
                     PreparedStatement ps = c.prepareStatement("insert into public.customers(id, name) values (?, 'stream')")) {
                    while (writing.get()) {
                        UUID id = UUID.randomUUID();
                        ps.setObject(1, id);
                        ps.executeUpdate();
                        written.add(id);
                    }
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                if (f.count("select count(*) from shoptwin.mirror_leader where not wake_by_notify") == 1) {
                    sawPolling.set(true);
                }
                return sawPolling.get() && written.size() > 200;
            });
            writing.set(false);
            writer.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(sawPolling).as("the leader switched to polling under the stream").isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0
                && f.mongo.getCollection("customers").countDocuments() == written.size());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                f.count("select count(*) from shoptwin.mirror_leader where wake_by_notify") == 1);

        // now waiting on NOTIFY with a 60 s fallback: one more change must still arrive promptly
        UUID late = UUID.randomUUID();
        f.sql("insert into public.customers(id, name) values ('" + late + "', 'after the stream')");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                f.mongo.getCollection("customers").countDocuments(Filters.eq("_id", late.toString())) == 1);
        assertThat(f.verify().isEqual()).isTrue();

        mirror.close();
        assertThat(f.count("select count(*) from shoptwin.mirror_leader where wake_by_notify")).isEqualTo(1);
    }

    private static List<PGNotification> notifications(PGConnection pg, int waitMillis) throws Exception {
        PGNotification[] got = pg.getNotifications(waitMillis);
        List<PGNotification> out = new ArrayList<>();
        if (got != null) {
            out.addAll(List.of(got));
        }
        return out;
    }
}
