package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rough figures on this machine (mvn -B verify -Pcampaign -Dtest=MirrorThroughputTest). */
@Tag("campaign")
class MirrorThroughputTest {
    private static final Logger log = LoggerFactory.getLogger(MirrorThroughputTest.class);

    @Test
    void drainResyncAndVerifyTwentyThousandRows() throws Exception {
        ch.qos.logback.classic.Logger l = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("shoptwin.mirror");
        l.setLevel(ch.qos.logback.classic.Level.INFO);
        try (MirrorFixture f = new MirrorFixture()) {
            int n = 20_000;
            f.sql("insert into public.customers(name, email) select 'Customer ' || g, 'c' || g || '@example.com' from generate_series(1, " + n + ") g");
            f.sql("insert into public.payments(customer_id, amount, method) select id, 9.99, 'cash' from public.customers");
            long t0 = System.nanoTime();
            f.start();
            await().atMost(Duration.ofMinutes(5)).until(() -> f.backlog() == 0);
            long drainMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            ResyncReport resync = new Resync(f.db, f.mongo).run();
            long resyncMs = (System.nanoTime() - t1) / 1_000_000;
            long t2 = System.nanoTime();
            VerifyReport verify = f.verify();
            long verifyMs = (System.nanoTime() - t2) / 1_000_000;
            assertThat(verify.isEqual()).isTrue();
            log.info("FIGURES: drain {} changes in {} ms ({} /s); resync {} rows in {} ms; verify {} rows in {} ms",
                    2 * n, drainMs, 2L * n * 1000 / drainMs, 2 * n, resyncMs, 2 * n, verifyMs);
            assertThat(resync.cancelled()).isFalse();
        }
    }
}
