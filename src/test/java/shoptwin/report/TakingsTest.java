package shoptwin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import shoptwin.config.MongoSettings;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ValidationException;
import shoptwin.store.Dataset;
import shoptwin.store.ShopStore;
import shoptwin.store.mongo.CopyFixtures;
import shoptwin.store.mongo.MongoShopStore;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresFixtures;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;

/**
 * Daily takings on the shop's days, on both stores (PostgreSQL groups with {@code at time zone}, the
 * MongoDB backup in Java): across the shop's midnight in Asia/Kolkata and across the October clock
 * change in Europe/London, the same payments give the same figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TakingsTest {
    private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");
    private final List<Payment> payments = new ArrayList<>();
    private Dataset data;
    private Database database;
    private PostgresShopStore postgres;
    private MongoShopStore mongo;
    private MongoClient client;

    private void pay(Customer c, String amount, PaymentMethod method, String at) {
        Instant paid = Instant.parse(at);
        payments.add(new Payment(Dataset.id(2, payments.size() + 1), c.id(), new BigDecimal(amount), method, null, null, paid,
                1, T, T));
    }

    @BeforeAll
    void seed() throws Exception {
        Customer asha = new Customer(Dataset.id(1, 1), "Asha", null, null, null, null, 1, T, T);
        // Kolkata is UTC+05:30: 18:29:59.999 UTC is 23:59:59.999 on the same date, 18:30 UTC is the next day
        pay(asha, "100.25", PaymentMethod.CASH, "2026-11-01T18:00:00Z");      // Kolkata 1 Nov 23:30
        pay(asha, "0.10", PaymentMethod.CASH, "2026-11-01T18:29:59.999Z");    // Kolkata 1 Nov 23:59:59.999
        pay(asha, "50.00", PaymentMethod.CARD, "2026-11-01T18:30:00Z");       // Kolkata 2 Nov 00:00
        pay(asha, "7.77", PaymentMethod.BANK_TRANSFER, "2026-10-31T18:29:00Z"); // Kolkata 31 Oct 23:59
        // London changes from BST (UTC+1) to GMT at 01:00 UTC on 25 October 2026 (02:00 BST -> 01:00 GMT)
        pay(asha, "10.00", PaymentMethod.UPI, "2026-10-24T23:30:00Z");        // London 25 Oct 00:30 BST
        pay(asha, "20.00", PaymentMethod.UPI, "2026-10-25T00:30:00Z");        // London 25 Oct 01:30 BST
        pay(asha, "30.00", PaymentMethod.OTHER, "2026-10-25T01:30:00Z");      // London 25 Oct 01:30 GMT (the second 01:30)
        pay(asha, "40.00", PaymentMethod.OTHER, "2026-10-25T23:59:00Z");      // London 25 Oct 23:59 GMT
        pay(asha, "5.00", PaymentMethod.CASH, "2026-10-24T22:59:00Z");        // London 24 Oct 23:59 BST
        data = new Dataset(null, List.of(asha), payments);

        database = new Database(TestDatabases.freshPostgres(), 2);
        database.migrate();
        PostgresFixtures.insert(database.dataSource(), data);
        postgres = new PostgresShopStore(database);
        MongoSettings m = TestDatabases.freshMongo();
        client = TestDatabases.mongoClient();
        CopyFixtures.insert(client.getDatabase(m.database()), data);
        mongo = MongoShopStore.open(m);
    }

    @AfterAll
    void close() {
        mongo.close();
        client.close();
        database.close();
    }

    Stream<Arguments> stores() {
        return Stream.of(Arguments.of("PostgreSQL", postgres), Arguments.of("MongoDB backup", mongo));
    }

    private static Takings takings(ShopStore store, String from, String to, String zone) {
        return Takings.read(store, TakingsPeriod.parse(from, to), ZoneId.of(zone));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("stores")
    void aPaymentBeforeTheShopsMidnightBelongsToThatDayNotToTheUtcOne(String name, ShopStore store) {
        Takings t = takings(store, "2026-11-01", "2026-11-02", "Asia/Kolkata");
        assertThat(t.days()).extracting(Takings.Day::date)
                .containsExactly(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"));
        Takings.Day first = t.days().get(0);
        assertThat(first.method(PaymentMethod.CASH).count()).isEqualTo(2);
        assertThat(first.method(PaymentMethod.CASH).total()).isEqualTo(new BigDecimal("100.35"));
        assertThat(first.method(PaymentMethod.CARD).count()).isZero();
        assertThat(t.days().get(1).total().total()).isEqualTo(new BigDecimal("50.00"));
        // 31 October's 23:59 payment is not in a report that starts on 1 November
        assertThat(t.total().total()).isEqualTo(new BigDecimal("150.35"));
        assertThat(t.total().count()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("stores")
    void theDayOfTheOctoberClockChangeHas25HoursInLondon(String name, ShopStore store) {
        Takings t = takings(store, "2026-10-24", "2026-10-26", "Europe/London");
        Takings.Day changeDay = t.days().get(1);
        assertThat(changeDay.date()).isEqualTo(LocalDate.parse("2026-10-25"));
        assertThat(changeDay.method(PaymentMethod.UPI)).isEqualTo(new Takings.MethodTotal(2, new BigDecimal("30.00")));
        assertThat(changeDay.method(PaymentMethod.OTHER)).isEqualTo(new Takings.MethodTotal(2, new BigDecimal("70.00")));
        assertThat(t.days().get(0).total().total()).isEqualTo(new BigDecimal("5.00"));
        assertThat(t.days().get(2).total()).isEqualTo(new Takings.MethodTotal(0, new BigDecimal("0.00")));
    }

    @Test
    void bothStoresGiveTheSameFiguresForEveryDayOfTheMonth() {
        for (String zone : List.of("Asia/Kolkata", "Europe/London", "America/New_York", "UTC")) {
            assertThat(takings(mongo, "2026-10-01", "2026-11-30", zone))
                    .as(zone).isEqualTo(takings(postgres, "2026-10-01", "2026-11-30", zone));
        }
    }

    @Test
    void theJsonHasEveryDayAndMethodWithAmountsAsExactStrings() {
        String json = takings(postgres, "2026-11-01", "2026-11-01", "Asia/Kolkata").toJson();
        assertThat(json.replaceAll("\\s", "")).isEqualTo("{\"days\":[{\"date\":\"2026-11-01\",\"by_method\":{"
                + "\"cash\":{\"count\":2,\"total\":\"100.35\"},\"card\":{\"count\":0,\"total\":\"0.00\"},"
                + "\"upi\":{\"count\":0,\"total\":\"0.00\"},\"bank_transfer\":{\"count\":0,\"total\":\"0.00\"},"
                + "\"other\":{\"count\":0,\"total\":\"0.00\"}},\"total\":\"100.35\"}],\"total\":\"100.35\"}");
    }

    @Test
    void periodsAreCheckedNamingTheField() {
        assertThatThrownBy(() -> TakingsPeriod.parse("1/11/2026", "2026-11-02"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasErrorFor("from")).isTrue());
        assertThatThrownBy(() -> TakingsPeriod.parse("2026-11-03", "2026-11-02"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasErrorFor("to")).isTrue());
        assertThatThrownBy(() -> TakingsPeriod.parse("2000-01-01", "2026-11-02")).hasMessageContaining("at most");
        java.time.Clock wednesday = java.time.Clock.fixed(Instant.parse("2026-11-04T20:00:00Z"), ZoneId.of("UTC"));
        // 20:00 UTC is already Thursday 5 November in Kolkata
        assertThat(TakingsPeriod.today(wednesday, ZoneId.of("Asia/Kolkata")).from()).isEqualTo(LocalDate.parse("2026-11-05"));
        assertThat(TakingsPeriod.thisWeek(wednesday, ZoneId.of("Asia/Kolkata")))
                .isEqualTo(new TakingsPeriod(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-05")));
        assertThat(TakingsPeriod.thisMonth(wednesday, ZoneId.of("UTC")))
                .isEqualTo(new TakingsPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-04")));
    }
}
