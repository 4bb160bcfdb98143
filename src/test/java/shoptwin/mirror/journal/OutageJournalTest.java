package shoptwin.mirror.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.PaymentHistory;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournalFormat;
import shoptwin.store.journal.JournaledBackupStore;

/**
 * Keeping the shop selling while Supabase is away, the way it happens: staff work on the backup on two
 * consoles, Supabase comes back, the leader replays what they did, exactly once, and the copy ends equal.
 * Real PostgreSQL (Supabase-shaped) and the MongoDB peer over TCP.
 */
class OutageJournalTest {
    @AutoClose
    private final OutageFixture f = new OutageFixture();

    private static final Instant PAID = Instant.parse("2026-11-30T10:15:30.123Z");

    private Customer seedAsha() {
        Customer asha = f.supabase.createCustomer(new CustomerDraft("Asha Rao", "+91 98450 11111", "asha@example.com", null, null));
        f.supabase.createPayment(new PaymentDraft(asha.id(), "250.00", PaymentMethod.UPI, "UPI-1", null, PAID.minus(2, ChronoUnit.DAYS)));
        f.mirrorOnce();
        return asha;
    }

    @Test
    void aNewCustomerWithTwoPaymentsAnEditAndADeleteMadeOnTheBackupReachSupabaseExactlyOnce() throws Exception {
        Customer asha = seedAsha();
        Payment ashasOld = f.supabase.listPayments(asha.id()).payments().get(0);
        JournaledBackupStore till1 = f.console("Meera (till 1)");
        JournaledBackupStore till2 = f.console("Ravi (till 2)");

        // Supabase is away: the shop keeps selling on the backup
        Customer kiran = till1.createCustomer(new CustomerDraft("Kiran Shah", "+91 90000 22222", null, "MG Road 4", null));
        Payment first = till1.createPayment(new PaymentDraft(kiran.id(), "10.5", PaymentMethod.CASH, null, "first visit", PAID));
        Payment second = till2.createPayment(new PaymentDraft(kiran.id(), "1234.56", PaymentMethod.CARD, "AUTH-9", null,
                PAID.plusSeconds(60)));
        Customer ashaOnBackup = till2.getCustomer(asha.id()).orElseThrow();
        till2.updateCustomer(asha.id(), ashaOnBackup.version(), new CustomerDraft("Asha Rao", "+91 98450 99999",
                "asha@example.com", null, null));
        till1.deletePayment(ashasOld.id());

        // every console sees every change, laid over the copy
        assertThat(names(till2.searchCustomers(CustomerQuery.firstPage("", 50)).items())).containsExactly("Asha Rao", "Kiran Shah");
        assertThat(till2.searchCustomers(CustomerQuery.firstPage("kiran", 50)).items()).singleElement()
                .satisfies(s -> {
                    assertThat(s.totalPaid()).isEqualByComparingTo("1245.06");
                    assertThat(s.paymentCount()).isEqualTo(2);
                    assertThat(s.lastPaymentAt()).isEqualTo(PAID.plusSeconds(60));
                });
        assertThat(till2.searchCustomers(CustomerQuery.firstPage("99999", 50)).items()).extracting(s -> s.customer().name())
                .containsExactly("Asha Rao");
        PaymentHistory kirans = till2.listPayments(kiran.id());
        assertThat(kirans.payments()).extracting(Payment::id).containsExactly(second.id(), first.id());
        assertThat(kirans.payments()).allMatch(kirans::isWaiting);
        assertThat(kirans.total()).isEqualByComparingTo("1245.06");
        assertThat(till1.listPayments(asha.id()).payments()).isEmpty();
        assertThat(till1.searchCustomers(new CustomerQuery("", CustomerSort.TOTAL_PAID, false, 0, 50)).items())
                .extracting(s -> s.customer().name()).containsExactly("Kiran Shah", "Asha Rao");
        assertThat(till1.pendingChanges()).isEqualTo(5);
        assertThat(f.supabase.searchCustomers(CustomerQuery.firstPage("", 50)).total()).as("nothing reached Supabase yet").isEqualTo(1);

        // the journal: one document per change, typed as in the copy
        Document payment = f.journalCollection().find(Filters.eq(JournalFormat.ROW_ID, first.id().toString())).first();
        assertThat(payment.getString("table")).isEqualTo("payments");
        assertThat(payment.getString("op")).isEqualTo("insert");
        assertThat(payment.getString("state")).isEqualTo("pending");
        assertThat(payment.getString("made_by")).isEqualTo("Meera (till 1)");
        assertThat(payment.get("made_at")).isInstanceOf(java.util.Date.class);
        Document fields = payment.get("fields", Document.class);
        assertThat(fields.get("amount")).isEqualTo(new Decimal128(new BigDecimal("10.50")));
        assertThat(fields.get("paid_at")).isEqualTo(java.util.Date.from(PAID));
        Document edit = f.journalCollection().find(Filters.eq(JournalFormat.OP, "update")).first();
        assertThat(edit.get("fields", Document.class)).isEqualTo(new Document("phone", "+91 98450 99999"));
        assertThat(edit.get("before", Document.class)).isEqualTo(new Document("phone", "+91 98450 11111"));
        assertThat(edit.getLong("base_version")).isEqualTo(1L);

        // Supabase answers again: the leader replays before it mirrors anything
        f.startMirror();
        await().atMost(Duration.ofSeconds(30)).until(() -> f.journal.counts().of(JournalEntry.State.APPLIED) == 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && f.verify().isEqual());

        Customer kiranInSupabase = f.supabase.getCustomer(kiran.id()).orElseThrow();
        assertThat(kiranInSupabase.name()).isEqualTo("Kiran Shah");
        assertThat(kiranInSupabase.address()).isEqualTo("MG Road 4");
        assertThat(kiranInSupabase.createdAt()).as("created when it was made on the backup").isEqualTo(kiran.createdAt());
        List<Payment> replayed = f.supabase.listPayments(kiran.id()).payments();
        assertThat(replayed).extracting(Payment::id).containsExactly(second.id(), first.id());
        assertThat(replayed.get(1).amount()).isEqualTo(new BigDecimal("10.50")).hasScaleOf(2);
        assertThat(replayed.get(0).amount()).isEqualTo(new BigDecimal("1234.56"));
        assertThat(replayed.get(1).paidAt()).isEqualTo(PAID);
        assertThat(replayed.get(1).note()).isEqualTo("first visit");
        assertThat(f.one("select amount::text from public.payments where id = '" + first.id() + "'")).isEqualTo("10.50");
        assertThat(f.supabase.getCustomer(asha.id()).orElseThrow().phone()).isEqualTo("+91 98450 99999");
        assertThat(f.supabase.getPayment(ashasOld.id())).isEmpty();
        assertThat(f.count("select count(*) from shoptwin.journal_applied")).isEqualTo(5);

        // the screens read the same from the copy once it caught up (the overlay steps aside by itself)
        assertThat(till2.listPayments(kiran.id()).waiting()).isEmpty();
        assertThat(till2.listPayments(kiran.id()).payments()).extracting(Payment::id).containsExactly(second.id(), first.id());
    }

    @Test
    void aReplayRunTwiceOrWhoseMarksWereLostAppliesEachEntryOnce() throws Exception {
        Customer asha = seedAsha();
        JournaledBackupStore till = f.console("Meera");
        Customer kiran = till.createCustomer(new CustomerDraft("Kiran Shah", null, null, null, null));
        till.createPayment(new PaymentDraft(kiran.id(), "99.90", PaymentMethod.CASH, null, null, PAID));
        Customer a = till.getCustomer(asha.id()).orElseThrow();
        till.updateCustomer(asha.id(), a.version(), new CustomerDraft("Asha R. Rao", a.phone(), a.email(), null, null));

        assertThat(f.replay().replay().applied()).isEqualTo(3);
        String versions = f.one("select string_agg(id || ':' || version, ',' order by id) from public.customers");
        long changes = f.count("select count(*) from shoptwin.change_log");

        assertThat(f.replay().replay().total()).as("nothing pending: nothing to do").isZero();
        // the console died after PostgreSQL committed and before MongoDB heard: the entries are pending again
        f.journalCollection().updateMany(Filters.empty(), Updates.combine(Updates.set("state", "pending"),
                Updates.unset("applied_version"), Updates.unset("applied_at")));
        ReplayReport again = f.replay().replay();
        assertThat(again.applied()).isEqualTo(3);
        assertThat(f.one("select string_agg(id || ':' || version, ',' order by id) from public.customers")).isEqualTo(versions);
        assertThat(f.count("select count(*) from shoptwin.change_log")).as("nothing written again").isEqualTo(changes);
        assertThat(f.count("select count(*) from public.payments where customer_id = '" + kiran.id() + "'")).isEqualTo(1);
        assertThat(f.journal.counts().of(JournalEntry.State.APPLIED)).isEqualTo(3);
        assertThat(f.journalCollection().find(Filters.eq(JournalFormat.OP, "update")).first().getLong("applied_version"))
                .as("the version the replay left, from PostgreSQL's record").isEqualTo(2L);
    }

    @Test
    void aReplayKilledBetweenPostgresCommitAndTheMongoMarkIsFinishedByTheNextLeaderWithoutDoubling() throws Exception {
        seedAsha();
        JournaledBackupStore till = f.console("Meera");
        Customer kiran = till.createCustomer(new CustomerDraft("Kiran Shah", null, null, null, null));
        for (int i = 1; i <= 4; i++) {
            till.createPayment(new PaymentDraft(kiran.id(), i + ".00", PaymentMethod.CASH, null, null, PAID.plusSeconds(i)));
        }
        JournalReplay dying = f.replay(2).afterPostgresCommit(() -> {
            throw new IllegalStateException("killed");
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(dying::replay).hasMessage("killed");
        assertThat(f.count("select count(*) from shoptwin.journal_applied")).as("the first chunk committed").isEqualTo(2);
        assertThat(f.journal.counts().of(JournalEntry.State.PENDING)).as("MongoDB never heard").isEqualTo(5);

        f.startMirror();
        await().atMost(Duration.ofSeconds(30)).until(() -> f.journal.counts().of(JournalEntry.State.APPLIED) == 5);
        assertThat(f.count("select count(*) from public.customers where id = '" + kiran.id() + "'")).isEqualTo(1);
        assertThat(f.count("select count(*) from public.payments where customer_id = '" + kiran.id() + "'")).isEqualTo(4);
        assertThat(f.count("select count(*) from shoptwin.journal_applied")).isEqualTo(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && f.verify().isEqual());
    }

    static List<String> names(List<CustomerSummary> items) {
        return items.stream().map(s -> s.customer().name()).toList();
    }
}
