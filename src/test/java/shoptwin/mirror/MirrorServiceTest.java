package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class MirrorServiceTest {
    private static final String TRICKY = "O'Brien \"the\" \\ back\nslash ✨🛒 {\"$gt\": \"\"} $where";

    @AutoClose
    private final MirrorFixture f = new MirrorFixture();

    @Test
    void plainSqlWritesInOneTransactionReachMongoFieldByFieldAndTypeByType() throws Exception {
        MirrorService mirror = f.start();
        UUID customerId = UUID.randomUUID();
        UUID paymentId = UUID.randomUUID();
        f.tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("insert into public.shop(name, currency) values ('Corner Shop', 'EUR')");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into public.customers(id, name, phone, email, notes) values (?, ?, null, ?, ?)")) {
                ps.setObject(1, customerId);
                ps.setString(2, TRICKY);
                ps.setString(3, "{\"$gt\": \"\"}");
                ps.setString(4, "line1\r\nline2\t\u0000".replace("\u0000", "") + "🙂");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into public.payments(id, customer_id, amount, method, paid_at) values (?, ?, 10.50, 'card', '2026-01-02 03:04:05.678912+05:30')")) {
                ps.setObject(1, paymentId);
                ps.setObject(2, customerId);
                ps.executeUpdate();
            }
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0
                && f.mongo.getCollection("payments").countDocuments() == 1);

        Document customer = f.mongo.getCollection("customers").find(Filters.eq("_id", customerId.toString())).first();
        assertThat(customer).isNotNull();
        assertThat(customer.keySet()).containsExactly("_id", "name", "phone", "email", "address", "notes", "name_sort",
                "version", "created_at", "updated_at", "_v");
        assertThat(customer.get("name")).isEqualTo(TRICKY);
        assertThat(customer.get("name_sort")).isEqualTo(TRICKY.toLowerCase());
        assertThat(customer.get("email")).isEqualTo("{\"$gt\": \"\"}");
        assertThat(customer.get("notes")).isEqualTo("line1\r\nline2\t🙂");
        assertThat(customer.containsKey("phone")).isTrue();
        assertThat(customer.get("phone")).isNull();
        assertThat(customer.get("version")).isInstanceOf(Long.class).isEqualTo(1L);
        assertThat(customer.get("_v")).isInstanceOf(Long.class);
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select created_at, updated_at from public.customers where id = ?")) {
            ps.setObject(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(customer.get("created_at")).isInstanceOf(Date.class).isEqualTo(new Date(rs.getTimestamp(1).getTime()));
                assertThat(customer.get("updated_at")).isEqualTo(new Date(rs.getTimestamp(2).getTime()));
            }
        }

        Document payment = f.mongo.getCollection("payments").find(Filters.eq("_id", paymentId.toString())).first();
        assertThat(payment.keySet()).containsExactly("_id", "customer_id", "amount", "method", "reference", "note", "paid_at",
                "version", "created_at", "updated_at", "_v");
        assertThat(payment.get("customer_id")).isEqualTo(customerId.toString());
        assertThat(payment.get("amount")).isInstanceOf(Decimal128.class);
        assertThat(payment.get("amount").toString()).isEqualTo("10.50");
        assertThat(((Decimal128) payment.get("amount")).bigDecimalValue()).isEqualTo(new BigDecimal("10.50"));
        // 2026-01-02 03:04:05.678912+05:30, truncated to milliseconds by the stamping trigger
        assertThat(((Date) payment.get("paid_at")).toInstant()).isEqualTo(java.time.Instant.parse("2026-01-01T21:34:05.678Z"));
        assertThat(payment.get("method")).isEqualTo("card");

        Document shop = f.mongo.getCollection("shops").find().first();
        assertThat(shop.get("name")).isEqualTo("Corner Shop");
        assertThat(shop.get("currency")).isEqualTo("EUR");
        assertThat(shop.get("_id")).isInstanceOf(String.class);

        assertThat(f.verify().isEqual()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> mirror.health().state() == MirrorHealth.State.RUNNING
                && mirror.health().isLeader() && mirror.health().lastSuccessAt() != null);
    }

    @Test
    void updatesAndDeletesFollowAndTheBacklogDrains() {
        f.start();
        f.tx(c -> MirrorFixture.insertCustomers(c, 50, "Bulk Customer"));
        f.sql("update public.customers set phone = '+1 555' where name like 'Bulk Customer 1%'",
                "delete from public.customers where name like 'Bulk Customer 2%'");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && f.verify().isEqual());
        assertThat(f.mongo.getCollection("customers").countDocuments()).isEqualTo(39);
        assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("phone", "+1 555"))).isEqualTo(11);
    }

    @Test
    void anOlderChangeReplayedAfterANewerOneNeverRegressesTheCopy() {
        f.start();
        UUID id = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        f.sql("insert into public.customers(id, name) values ('" + id + "', 'First')",
                "insert into public.customers(id, name) values ('" + gone + "', 'Soon gone')");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0
                && f.mongo.getCollection("customers").countDocuments() == 2);
        long firstChange = version(id);
        long goneInsert = version(gone);
        f.sql("update public.customers set name = 'Second' where id = '" + id + "'",
                "delete from public.customers where id = '" + gone + "'");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0
                && f.mongo.getCollection("customers").countDocuments() == 1);

        // replay both original inserts with their original (older) change-log ids, as a retried batch would
        f.sql("insert into shoptwin.change_log (id, table_name, op, row_id, row_data) overriding system value values "
                + "(" + firstChange + ", 'customers', 'INSERT', '" + id + "', jsonb_build_object('id', '" + id + "', 'name', 'First')), "
                + "(" + goneInsert + ", 'customers', 'INSERT', '" + gone + "', jsonb_build_object('id', '" + gone + "', 'name', 'Soon gone'))",
                "select pg_notify('shoptwin_change', '')");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);

        assertThat(f.mongo.getCollection("customers").find(Filters.eq("_id", id.toString())).first().get("name")).isEqualTo("Second");
        assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("_id", gone.toString()))).isZero();
        assertThat(f.verify().isEqual()).isTrue();
    }

    @Test
    void aColumnAddedWhileMirroringIsMappedByItsTypeAndJsonbBecomesEmbeddedDocuments() {
        f.start();
        UUID id = UUID.randomUUID();
        f.sql("insert into public.customers(id, name) values ('" + id + "', 'Tagged')");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && f.mongo.getCollection("customers").countDocuments() == 1);
        f.sql("alter table public.customers add column tags jsonb, add column last_seen timestamptz",
                "update public.customers set tags = '{\"vip\": true, \"scores\": [1, 2.50, null], \"nested\": {\"a\": \"b\"}}', "
                        + "last_seen = '2026-05-06 07:08:09.123+00' where id = '" + id + "'");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
        Document doc = f.mongo.getCollection("customers").find(Filters.eq("_id", id.toString())).first();
        assertThat(doc.get("last_seen")).isEqualTo(Date.from(java.time.Instant.parse("2026-05-06T07:08:09.123Z")));
        Document tags = (Document) doc.get("tags");
        assertThat(tags.get("vip")).isEqualTo(true);
        assertThat(tags.getList("scores", Object.class)).containsExactly(1, new Decimal128(new BigDecimal("2.50")), null);
        assertThat(((Document) tags.get("nested")).get("a")).isEqualTo("b");
        assertThat(f.verify().isEqual()).isTrue();
    }

    @Test
    void closingWhileABatchIsInFlightLetsItFinishAndAcknowledge() throws Exception {
        java.util.concurrent.CountDownLatch inFlight = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
        MirrorService mirror = f.start(f.builder().afterMongoWrite(() -> {
            inFlight.countDown();
            try {
                closing.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        f.tx(c -> MirrorFixture.insertCustomers(c, 15, "In flight"));
        assertThat(inFlight.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(mirror::close);
        closer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.TIMED_WAITING
                || closer.getState() == Thread.State.WAITING);
        closing.countDown();
        closer.join(20_000);
        assertThat(mirror.health().state()).isEqualTo(MirrorHealth.State.STOPPED);
        assertThat(f.backlog()).isZero();
        assertThat(f.mongo.getCollection("customers").countDocuments()).isEqualTo(15);
    }

    private long version(UUID id) {
        return ((Number) f.mongo.getCollection("customers").find(Filters.eq("_id", id.toString())).first().get("_v")).longValue();
    }
}
