package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import shoptwin.config.MongoSettings;

class MirrorHealthTest {

    @Test
    void listenersFollowHealthAndBatchesAndStatusSeesTheLeaderFromPostgres() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            List<MirrorHealth> healths = new CopyOnWriteArrayList<>();
            List<MirrorListener.BatchResult> batches = new CopyOnWriteArrayList<>();
            MirrorService mirror = f.start(f.builder().host("till-1").listener(new MirrorListener() {
                @Override
                public void healthChanged(MirrorHealth health) {
                    healths.add(health);
                }

                @Override
                public void batchApplied(BatchResult result) {
                    batches.add(result);
                }
            }));
            f.tx(c -> MirrorFixture.insertCustomers(c, 12, "Listened"));
            await().atMost(Duration.ofSeconds(20)).until(() -> batches.stream().mapToInt(MirrorListener.BatchResult::documentsWritten).sum() == 12);
            await().atMost(Duration.ofSeconds(10)).until(() -> mirror.health().changesPerMinute() >= 12 && mirror.health().backlog() == 0);
            assertThat(healths).anyMatch(h -> h.state() == MirrorHealth.State.RUNNING && h.isLeader());
            assertThat(mirror.health().lag()).isEqualTo(Duration.ZERO);
            assertThat(mirror.health().leader().orElseThrow().host()).isEqualTo("till-1");

            await().atMost(Duration.ofSeconds(10)).until(() -> MirrorService.observe(f.db).state() == MirrorHealth.State.RUNNING);
            MirrorHealth seen = MirrorService.observe(f.db);
            assertThat(seen.leader().orElseThrow().host()).isEqualTo("till-1");
            assertThat(seen.leader().get().isThisInstance()).isFalse();
            assertThat(seen.lastSuccessAt()).isNotNull();

            mirror.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> MirrorService.observe(f.db).state() == MirrorHealth.State.STOPPED);
            assertThat(mirror.health().state()).isEqualTo(MirrorHealth.State.STOPPED);
        }
    }

    @Test
    void logLinesNameEachChangeAndErrorsNeverShowTheMongoPassword() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(MirrorService.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (MirrorFixture f = new MirrorFixture()) {
            f.start();
            UUID id = UUID.randomUUID();
            f.sql("insert into public.customers(id, name) values ('" + id + "', 'Logged')",
                    "update public.shop set name = 'x' where false");
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && messages(appender).stream()
                    .anyMatch(m -> m.equals("[DB Sync] Customer created in MongoDB: " + id)));
            f.sql("update public.customers set name = 'Logged again' where id = '" + id + "'");
            f.sql("delete from public.customers where id = '" + id + "'");
            await().atMost(Duration.ofSeconds(20)).until(() -> messages(appender).contains("[DB Sync] Customer deleted in MongoDB: " + id));
            assertThat(messages(appender)).anyMatch(m -> m.startsWith("[DB Sync] Mirrored "));

            // a MongoDB that cannot be reached, with a password in its URI
            f.mongoSettings = new MongoSettings("mongodb://shop:Sup3rSecretPw@127.0.0.1:1/?serverSelectionTimeoutMS=500", "x");
            f.each(MirrorService::close);
            f.sql("insert into public.customers(name) values ('Waits')");
            try (MirrorService failing = f.builder().build()) {
                Thread t = new Thread(failing);
                t.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> failing.health().state() == MirrorHealth.State.RETRYING
                        && !failing.health().recentErrors().isEmpty());
                assertThat(failing.health().recentErrors()).allMatch(e -> !e.message().contains("Sup3rSecretPw"));
                assertThat(failing.health().backlog()).isEqualTo(1);
                failing.close();
                t.join(10_000);
            }
            assertThat(f.backlog()).isEqualTo(1);
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(messages(appender)).noneMatch(m -> m.contains("Sup3rSecretPw"));
    }

    private static List<String> messages(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
