package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.testing.ChildJvm;

/**
 * A leader that lost its PostgreSQL session (idle timeout, a pooler restart) while a batch was in flight: a
 * standby takes over, and nothing the old leader still sends may regress a document. Two guards: MongoDB
 * itself refuses a write whose version is not newer ({@code _v} in the filter), and a writer's MongoDB writes
 * end by a deadline that its successor waits out before writing.
 */
class ZombieLeaderTest {
    @TempDir
    Path dir;

    @Test
    void mongoDbItselfRefusesAWriteThatIsNotNewerEvenWhenTheWritersGuardIsStale() {
        try (MirrorFixture f = new MirrorFixture()) {
            var view = MongoConnections.forMirror(f.client, f.mongoSettings.database());
            // the zombie remembers the version it wrote, so it reads no guard before writing again
            MongoCopy zombie = new MongoCopy(view, 100, Clock.systemUTC(), new WriteDeadline(Duration.ofSeconds(10)), true);
            MongoCopy leader = new MongoCopy(view, 0);
            String id = "3f2b8c1e-0000-4000-8000-000000000001";
            zombie.apply(List.of(write(id, "first", 5, true)), false);
            leader.apply(List.of(write(id, "the new leader's", 9, false)), false);

            List<MongoCopy.Result> late = zombie.apply(List.of(write(id, "the zombie's late write", 7, false)), false);
            assertThat(late).singleElement().extracting(MongoCopy.Result::outcome).isEqualTo(MongoCopy.Outcome.STALE);
            Document doc = f.mongo.getCollection("customers").find(Filters.eq("_id", id)).first();
            assertThat(doc.getString("name")).isEqualTo("the new leader's");
            assertThat(doc.getLong("_v")).isEqualTo(9L);
            // a late delete does not remove the newer document either
            zombie.apply(List.of(new MongoCopy.Write(MirrorTable.CUSTOMERS, id, null, 8)), false);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("_id", id))).isEqualTo(1);

            // the same writes without the version in the filter regress it: the fence is what protects
            MongoCopy unfenced = new MongoCopy(view, 100, Clock.systemUTC(), new WriteDeadline(Duration.ofSeconds(10)), false);
            String other = "3f2b8c1e-0000-4000-8000-000000000002";
            unfenced.apply(List.of(write(other, "first", 5, true)), false);
            leader.apply(List.of(write(other, "the new leader's", 9, false)), false);
            unfenced.apply(List.of(write(other, "the zombie's late write", 7, false)), false);
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("_id", other)).first().getString("name"))
                    .isEqualTo("the zombie's late write");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLeaderWhoseSessionDiedMidBatchCannotWriteAfterTheNewLeaderBegan() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(MirrorService.class)).addAppender(logged);
        try (MirrorFixture f = new MirrorFixture()) {
            AtomicBoolean armed = new AtomicBoolean();
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Duration deadline = Duration.ofSeconds(3);
            MirrorService zombie = f.start(f.builder().writeDeadline(deadline).beforeDocuments(() -> {
                if (armed.getAndSet(false)) {
                    paused.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            f.sql("insert into public.customers(id, name) values ('5b7d2a10-0000-4000-8000-00000000000a', 'Target v1')");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && zombie.health().isLeader());
            MirrorService successor = f.start(f.builder().writeDeadline(deadline));
            await().atMost(Duration.ofSeconds(10)).until(() -> successor.health().state() == MirrorHealth.State.STANDBY);

            AtomicLong highest = new AtomicLong();
            AtomicLong regressions = new AtomicLong();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    Document d = f.mongo.getCollection("customers").find(Filters.eq("_id", "5b7d2a10-0000-4000-8000-00000000000a")).first();
                    if (d != null) {
                        long v = d.getLong("_v");
                        if (v < highest.getAndAccumulate(v, Math::max)) {
                            regressions.incrementAndGet();
                        }
                    }
                    Thread.onSpinWait();
                }
            });
            watcher.start();

            armed.set(true);
            f.sql("update public.customers set name = 'The zombie''s version' where name = 'Target v1'");
            assertThat(paused.await(30, TimeUnit.SECONDS)).as("the leader is mid-batch, holding the write lock").isTrue();
            // its PostgreSQL session dies (an idle timeout, a pooler restart): its locks go with it
            f.sql("select pg_terminate_backend(backend_pid) from shoptwin.mirror_leader");
            f.sql("update public.customers set name = 'The new leader''s version' where id = '5b7d2a10-0000-4000-8000-00000000000a'");
            await().atMost(Duration.ofSeconds(30)).until(() -> successor.health().isLeader());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "The new leader's version")) == 1);
            // the zombie wakes up and carries on with its batch: too late, by its own deadline
            release.countDown();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                    f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "The new leader's version")) == 1);
            watching.set(false);
            watcher.join(5_000);
            assertThat(regressions.get()).isZero();
            assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("Waited")
                    .contains("for the previous writer of the copy"));
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            VerifyReport verify = f.verify();
            assertThat(verify.isEqual()).as(verify.describe()).isTrue();
        } finally {
            ((Logger) LoggerFactory.getLogger(MirrorService.class)).detachAppender(logged);
        }
    }

    @Test
    void aMirrorProcessKilledMidBatchIsWaitedOutAndTheCopyConverges() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            f.tx(c -> MirrorFixture.insertCustomers(c, 3_000, "Backlog"));
            Path log = dir.resolve("child.log");
            Map<String, String> env = Map.of("SHOPTWIN_TEST_PG_URL_FOR_CHILD", f.pgSettings.jdbcUrl(),
                    "SHOPTWIN_TEST_PG_USER_FOR_CHILD", f.pgSettings.user(), "SHOPTWIN_TEST_MONGO_URI_FOR_CHILD", f.mongoSettings.uri(),
                    "SHOPTWIN_TEST_MONGO_DB_FOR_CHILD", f.mongoSettings.database());
            try (ChildJvm child = ChildJvm.start(PausingMirror.class.getName(), List.of(), env, log)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.readString(log).contains(PausingMirror.PAUSED));
                child.kill(); // SIGKILL while it holds the write lock, its second batch written in part at most
            }
            ListAppender<ILoggingEvent> logged = new ListAppender<>();
            logged.start();
            ((Logger) LoggerFactory.getLogger(MirrorService.class)).addAppender(logged);
            try {
                MirrorService successor = f.start(f.builder().writeDeadline(Duration.ofSeconds(4)));
                await().atMost(Duration.ofSeconds(60)).until(() -> f.backlog() == 0 && successor.health().lastSuccessAt() != null);
                assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("Waited"));
            } finally {
                ((Logger) LoggerFactory.getLogger(MirrorService.class)).detachAppender(logged);
            }
            VerifyReport verify = f.verify();
            assertThat(verify.isEqual()).as(verify.describe()).isTrue();
        }
    }

    private static MongoCopy.Write write(String id, String name, long version, boolean fresh) {
        return new MongoCopy.Write(MirrorTable.CUSTOMERS, id, new Document("_id", id).append("name", name), version, fresh);
    }
}
