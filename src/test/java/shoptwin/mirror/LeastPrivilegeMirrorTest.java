package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;
import shoptwin.testing.LeastPrivilege;

/** The mirror, park/retry and resync work as shoptwin_app (sql/least-privilege.sql), not only as the owner. */
class LeastPrivilegeMirrorTest {

    @Test
    void theMirrorParksRetriesAndResyncsAsTheLeastPrivilegeRole() throws Exception {
        try (MirrorFixture f = new MirrorFixture();
             Database app = new Database(LeastPrivilege.grantAndConnectAsApp(f.pgSettings))) {
            f.mongo.getCollection("customers").createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            MirrorService mirror = f.start(MirrorService.builder().database(app).mongo(f.mongoSettings)
                    .pollInterval(Duration.ofMillis(300)).backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
            f.sql("insert into public.customers(name, email) values ('Ann', 'same@example.com')");
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && mirror.health().isLeader());
            f.sql("insert into public.customers(name, email) values ('Ben', 'same@example.com')");
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && mirror.health().parkedCount() == 1);

            f.mongo.getCollection("customers").dropIndex(Indexes.ascending("email"));
            assertThat(mirror.retryParked(List.of())).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "Ben")) == 1);

            f.mongo.getCollection("customers").deleteMany(Filters.eq("name", "Ann"));
            ResyncReport report = new Resync(app, f.mongo).run();
            assertThat(report.table(MirrorTable.CUSTOMERS).written()).isEqualTo(2);
            VerifyReport verify = new Verify(app, f.mongo).run();
            assertThat(verify.isEqual()).as(verify.describe()).isTrue();
            assertThat(MirrorService.observe(app).parkedCount()).isZero();
        }
    }
}
