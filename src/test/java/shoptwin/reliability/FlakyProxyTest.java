package shoptwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import shoptwin.testing.FlakyProxy;
import shoptwin.testing.TestDatabases;

/** The proxy itself: it forwards, delays, stalls, cuts and refuses as told, and heals. */
class FlakyProxyTest {
    private FlakyProxy proxy;
    private MongoClient client;
    private MongoCollection<Document> things;

    @BeforeEach
    void start() {
        proxy = FlakyProxy.toMongo(TestDatabases.mongoUri());
        client = MongoClients.create(proxy.mongoUri(Duration.ofMillis(1500)));
        things = client.getDatabase(TestDatabases.freshMongo().database()).getCollection("things");
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.close();
    }

    @Test
    void aHealthyProxyForwardsBothWays() {
        things.insertOne(new Document("_id", "a").append("n", 1));
        assertThat(things.find(new Document("_id", "a")).first()).containsEntry("n", 1);
        assertThat(proxy.acceptedConnections()).isPositive();
        assertThat(proxy.bytesForwarded()).isPositive();
    }

    @Test
    void aDelayMakesEveryRoundTripSlower() {
        things.insertOne(new Document("_id", "warm"));
        proxy.delay(Duration.ofMillis(150));
        long start = System.nanoTime();
        things.countDocuments();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        proxy.delay(Duration.ZERO);
    }

    @Test
    void aDelayIsLatencyNotACapOnBandwidth() {
        things.insertOne(new Document("_id", "warm"));
        java.util.List<Document> big = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            big.add(new Document("_id", i).append("text", "x".repeat(2_000)));
        }
        proxy.delay(Duration.ofMillis(150));
        long start = System.nanoTime();
        things.insertMany(big); // ~600 KB: dozens of chunks, which a per-chunk wait would add up to seconds
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        proxy.delay(Duration.ZERO);
        assertThat(things.countDocuments()).isEqualTo(301);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void whileDownEveryOperationFailsAndAfterwardsTheClientRecovers() {
        things.insertOne(new Document("_id", "before"));
        proxy.down(true);
        assertThat(proxy.openConnections()).isZero();
        assertThatThrownBy(() -> things.insertOne(new Document("_id", "during"))).isInstanceOf(MongoException.class);
        proxy.down(false);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .untilAsserted(() -> things.insertOne(new Document("_id", "after")));
        assertThat(things.countDocuments()).isEqualTo(2);
        assertThat(proxy.refusedConnections() + proxy.cuts()).isPositive();
    }

    @Test
    void aStallTimesOutTheClientButLosesNoBytesOnceReleased() {
        things.insertOne(new Document("_id", "x"));
        proxy.stall(true);
        assertThatThrownBy(() -> things.find().first()).isInstanceOf(MongoException.class);
        proxy.stall(false);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .untilAsserted(() -> assertThat(things.countDocuments()).isEqualTo(1));
    }

    @Test
    void randomCutsBreakConnectionsYetRetriedWritesAllLand() {
        proxy.cutAtRandom(0.1);
        int written = 0;
        for (int i = 0; i < 20; i++) {
            String id = "r" + i;
            await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions().until(() -> {
                things.replaceOne(new Document("_id", id), new Document("_id", id).append("i", 1),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
                return true;
            });
            written++;
        }
        proxy.heal();
        assertThat(things.countDocuments()).isEqualTo(written);
        assertThat(proxy.cuts()).isPositive();
    }

    @Test
    void theProxyClosesItselfAfterItsLifetime() {
        try (FlakyProxy shortLived = FlakyProxy.to("127.0.0.1", proxy.port(), 0, Duration.ofMillis(300))) {
            int port = shortLived.port();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                    return false;
                } catch (java.io.IOException refused) {
                    return true;
                }
            });
        }
    }
}
