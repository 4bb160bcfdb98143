package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A MongoDB slower than the write deadline for a whole batch, or a link that cuts it, does not keep the mirror retrying
 * the same batch.
 */
class SlowMongoTest {

    @Test
    void aBatchThatRanPastTheWriteDeadlineIsTriedAgainWithHalfAsManyChangesAndTheBacklogDrains() throws Exception {
        // as the driver answers when the batch's timeoutMS ran out
        halvesAfterTwoFailures(() -> new com.mongodb.MongoOperationTimeoutException("Operation exceeded the timeout limit."));
    }

    @Test
    void aBatchCutByTheNetworkIsTriedAgainWithHalfAsManyChangesToo() throws Exception {
        // as the driver answers when the connection drops mid-batch (a flaky link to MongoDB)
        halvesAfterTwoFailures(() -> new com.mongodb.MongoSocketReadException("Exception receiving message",
                new com.mongodb.ServerAddress("127.0.0.1", 27017)));
    }

    private static void halvesAfterTwoFailures(java.util.function.Supplier<RuntimeException> failure) throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            f.tx(c -> MirrorFixture.insertCustomers(c, 400, "Slow"));
            AtomicInteger attempts = new AtomicInteger();
            List<Integer> applied = new CopyOnWriteArrayList<>();
            f.start(f.builder().batchSize(200).beforeDocuments(() -> {
                if (attempts.incrementAndGet() <= 2) {
                    throw failure.get();
                }
            }).listener(new MirrorListener() {
                @Override
                public void batchApplied(BatchResult r) {
                    applied.add(r.changesRead());
                }
            }));

            await().atMost(Duration.ofSeconds(60)).until(() -> f.backlog() == 0);
            assertThat(applied.get(0)).as("the first batch after two failures: 200, then 100, then 50").isEqualTo(50);
            assertThat(applied).as("and it grows back").contains(200);
            assertThat(f.mongo.getCollection("customers").countDocuments()).isEqualTo(400);
        }
    }
}
