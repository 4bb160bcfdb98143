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

    private static final com.mongodb.ServerAddress MONGO = new com.mongodb.ServerAddress("127.0.0.1", 27017);

    @Test
    void aBatchThatRanPastTheWriteDeadlineIsTriedAgainWithHalfAsManyChangesAndTheBacklogDrains() throws Exception {
        // as the driver answers when the batch's timeoutMS ran out
        assertThat(firstBatchAfter(2, () -> new com.mongodb.MongoOperationTimeoutException("Operation exceeded the timeout limit.")))
                .as("the first batch after two failures: 200, then 100, then 50").isEqualTo(50);
    }

    @Test
    void aBatchCutByTheNetworkIsTriedAgainWithHalfAsManyChangesToo() throws Exception {
        // as the driver answers when the connection drops mid-batch (a flaky link to MongoDB)
        assertThat(firstBatchAfter(2, () -> new com.mongodb.MongoSocketReadException("Exception receiving message", MONGO)))
                .as("the first batch after two failures: 200, then 100, then 50").isEqualTo(50);
    }

    /**
     * Found running the suite beside a CPU hog: on a link that cut a third of the batches, halving down to one change
     * left MirrorOverFlakyNetworkTest's mirror moving 1-8 changes per success, and 250 changes took over a minute.
     */
    @Test
    void repeatedCutsShrinkTheBatchOnlyToAFewMessagesWorthWhileRepeatedTimeoutsGoOnHalving() throws Exception {
        assertThat(firstBatchAfter(6, () -> new com.mongodb.MongoSocketReadException("Exception receiving message", MONGO)))
                .as("200, 100, 50, then the floor").isEqualTo(BatchApplier.NETWORK_CUT_FLOOR);
        assertThat(firstBatchAfter(6, () -> new com.mongodb.MongoSocketReadTimeoutException("Timed out while receiving message",
                MONGO, new java.net.SocketTimeoutException())))
                .as("a read timeout scales with the batch: 200, 100, 50, 25, 12, 6, 3").isEqualTo(3);
        assertThat(firstBatchAfter(6, () -> new com.mongodb.MongoOperationTimeoutException("Operation exceeded the timeout limit.")))
                .isEqualTo(3);
    }

    /** 600 changes, batches of 200, the first {@code failures} attempts fail: the size of the first batch applied. */
    private static int firstBatchAfter(int failures, java.util.function.Supplier<RuntimeException> failure) throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            f.tx(c -> MirrorFixture.insertCustomers(c, 600, "Slow"));
            AtomicInteger attempts = new AtomicInteger();
            List<Integer> applied = new CopyOnWriteArrayList<>();
            f.start(f.builder().batchSize(200).beforeDocuments(() -> {
                if (attempts.incrementAndGet() <= failures) {
                    throw failure.get();
                }
            }).listener(new MirrorListener() {
                @Override
                public void batchApplied(BatchResult r) {
                    applied.add(r.changesRead());
                }
            }));

            await().atMost(Duration.ofSeconds(60)).until(() -> f.backlog() == 0);
            assertThat(applied).as("and it grows back").contains(200);
            assertThat(f.mongo.getCollection("customers").countDocuments()).isEqualTo(600);
            return applied.get(0);
        }
    }
}
