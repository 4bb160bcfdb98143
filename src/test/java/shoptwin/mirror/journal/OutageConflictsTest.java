package shoptwin.mirror.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournalEntry.FieldConflict;
import shoptwin.store.journal.JournalEntry.State;
import shoptwin.store.journal.JournalFormat;
import shoptwin.store.journal.JournaledBackupStore;

/**
 * While only the shop's link was down, the web app (or another console on Supabase) kept writing: per field,
 * three ways, Supabase's change and the backup's are both kept where they do not touch, and a person decides
 * where they do. Nothing is dropped silently.
 */
class OutageConflictsTest {
    @AutoClose
    private final OutageFixture f = new OutageFixture();

    private static final Instant PAID = Instant.parse("2026-11-30T10:15:30.123Z");

    private Customer asha() {
        Customer asha = f.supabase.createCustomer(new CustomerDraft("Asha Rao", "+91 98450 11111", "asha@example.com", null, null));
        f.mirrorOnce();
        return asha;
    }

    private JournalEntry entry(String op, String field) throws Exception {
        for (JournalEntry e : f.journal.all().entries()) {
            if (e.op().code().equals(op) && (field == null || e.fields().containsKey(field) || e.before().containsKey(field))) {
                return e;
            }
        }
        throw new AssertionError("no " + op + " of " + field);
    }

    @Test
    void aFieldSupabaseChangedMeanwhileIsAConflictAndNothingOfThatEntryIsWrittenWhileAnEditOfAnotherFieldApplies()
            throws Exception {
        Customer asha = asha();
        JournaledBackupStore till = f.console("Meera");
        Customer seen = till.getCustomer(asha.id()).orElseThrow();
        Customer afterPhone = till.updateCustomer(asha.id(), seen.version(),
                new CustomerDraft("Asha Rao", "+91 98450 22222", "asha@example.com", "Old address", null));
        till.updateCustomer(asha.id(), afterPhone.version(),
                new CustomerDraft("Asha Rao", "+91 98450 22222", "asha.rao@example.com", "Old address", null));
        // the web app changed her phone in Supabase meanwhile, and her notes
        f.sql("update public.customers set phone = '+91 98450 33333', notes = 'VIP' where id = '" + asha.id() + "'");

        ReplayReport report = f.replay().replay();

        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(report.applied()).isEqualTo(1);
        Customer now = f.supabase.getCustomer(asha.id()).orElseThrow();
        assertThat(now.phone()).as("Supabase's phone stays").isEqualTo("+91 98450 33333");
        assertThat(now.address()).as("nothing of the conflicting entry, not even its other field").isNull();
        assertThat(now.email()).as("the other field's edit applies").isEqualTo("asha.rao@example.com");
        assertThat(now.notes()).as("Supabase's own other change stays").isEqualTo("VIP");

        JournalEntry conflict = entry("update", "phone");
        assertThat(conflict.state()).isEqualTo(State.CONFLICT);
        assertThat(conflict.reasonCode()).isEqualTo("changed");
        assertThat(conflict.reason()).isEqualTo("Supabase changed phone of this customer meanwhile.");
        assertThat(conflict.conflicts()).containsExactly(new FieldConflict("phone", "+91 98450 11111", "+91 98450 22222",
                "+91 98450 33333"));
        assertThat(entry("update", "email").state()).isEqualTo(State.APPLIED);

        // Keep mine: written as a normal update, captured, mirrored
        f.startMirror();
        f.resolver().keepMine(conflict.id(), "Meera");
        Customer kept = f.supabase.getCustomer(asha.id()).orElseThrow();
        assertThat(kept.phone()).isEqualTo("+91 98450 22222");
        assertThat(kept.address()).isEqualTo("Old address");
        assertThat(kept.notes()).isEqualTo("VIP");
        JournalEntry resolved = f.journal.find(conflict.id()).orElseThrow();
        assertThat(resolved.state()).isEqualTo(State.APPLIED);
        assertThat(resolved.resolution()).isEqualTo("mine");
        assertThat(resolved.resolvedBy()).isEqualTo("Meera");
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(f.one("select outcome from shoptwin.journal_applied where entry_id = '" + conflict.id() + "'")).isEqualTo("kept_mine");
        assertThatThrownBy(() -> f.resolver().keepMine(conflict.id(), "Meera")).isInstanceOf(JournalDecisionRefused.class)
                .hasMessageContaining("decided already");
        await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && f.verify().isEqual());
    }

    @Test
    void keepSupabasesClosesTheEntryAndWritesNothing() throws Exception {
        Customer asha = asha();
        JournaledBackupStore till = f.console("Meera");
        till.updateCustomer(asha.id(), 1, new CustomerDraft("Asha Rao", "+91 98450 22222", "asha@example.com", null, null));
        f.sql("update public.customers set phone = '+91 98450 33333' where id = '" + asha.id() + "'");
        f.replay().replay();
        JournalEntry conflict = entry("update", "phone");
        long versionBefore = f.supabase.getCustomer(asha.id()).orElseThrow().version();

        f.resolver().keepTheirs(conflict.id(), "Ravi");

        assertThat(f.supabase.getCustomer(asha.id()).orElseThrow().version()).isEqualTo(versionBefore);
        JournalEntry closed = f.journal.find(conflict.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(State.CONFLICT);
        assertThat(closed.resolution()).isEqualTo("theirs");
        assertThat(closed.resolvedBy()).isEqualTo("Ravi");
        assertThat(closed.needsDecision()).isFalse();
        assertThat(f.journal.counts().needDecision()).isZero();
        assertThatThrownBy(() -> f.resolver().keepTheirs(conflict.id(), "Meera")).isInstanceOf(JournalDecisionRefused.class);
    }

    @Test
    void aPaymentForACustomerDeletedMeanwhileIsAConflictAndRecreatingTheCustomerBringsBothBack() throws Exception {
        Customer asha = asha();
        JournaledBackupStore till = f.console("Meera");
        Payment sale = till.createPayment(new PaymentDraft(asha.id(), "75.25", PaymentMethod.CARD, null, null, PAID));
        f.sql("delete from public.customers where id = '" + asha.id() + "'");

        ReplayReport report = f.replay().replay();

        assertThat(report.conflicts()).isEqualTo(1);
        JournalEntry conflict = entry("insert", null);
        assertThat(conflict.reasonCode()).isEqualTo("customer_gone");
        assertThat(conflict.reason()).startsWith("The customer of this payment was deleted in Supabase meanwhile");
        assertThat(f.supabase.getPayment(sale.id())).isEmpty();
        assertThatThrownBy(() -> f.resolver().keepMine(conflict.id(), "Meera")).isInstanceOf(JournalDecisionRefused.class)
                .hasMessageContaining("Recreate the customer");

        f.resolver().recreateCustomer(conflict.id(), "Meera");

        Customer back = f.supabase.getCustomer(asha.id()).orElseThrow();
        assertThat(back.name()).isEqualTo("Asha Rao");
        assertThat(back.phone()).isEqualTo("+91 98450 11111");
        assertThat(f.supabase.getPayment(sale.id())).get().extracting(Payment::amount).isEqualTo(new BigDecimal("75.25"));
        assertThat(f.journal.find(conflict.id()).orElseThrow().resolution()).isEqualTo("recreated_customer");
        f.mirrorOnce();
        assertThat(f.verify().isEqual()).isTrue();
    }

    @Test
    void deletingACustomerWhoGotAPaymentInSupabaseMeanwhileIsAConflictAndDeletesNothing() throws Exception {
        Customer asha = asha();
        JournaledBackupStore till = f.console("Meera");
        till.deleteCustomer(asha.id());
        f.supabase.createPayment(new PaymentDraft(asha.id(), "10.00", PaymentMethod.CASH, null, null, PAID));

        assertThat(f.replay().replay().conflicts()).isEqualTo(1);
        assertThat(f.supabase.getCustomer(asha.id())).isPresent();
        JournalEntry conflict = entry("delete", null);
        assertThat(conflict.reasonCode()).isEqualTo("payments_added");
        assertThat(conflict.reason()).startsWith("1 payment was added in Supabase for this customer");
    }

    @Test
    void aDeleteOfARowChangedSinceItWasSeenIsAConflict_aDeleteOfARowAlreadyGoneIsDone() throws Exception {
        Customer asha = asha();
        Payment p = f.supabase.createPayment(new PaymentDraft(asha.id(), "20.00", PaymentMethod.CASH, null, null, PAID));
        Payment q = f.supabase.createPayment(new PaymentDraft(asha.id(), "30.00", PaymentMethod.CASH, null, null, PAID));
        f.mirrorOnce();
        JournaledBackupStore till = f.console("Meera");
        till.deletePayment(p.id());
        till.deletePayment(q.id());
        f.sql("update public.payments set amount = 25.00 where id = '" + p.id() + "'",
                "delete from public.payments where id = '" + q.id() + "'");

        ReplayReport report = f.replay().replay();

        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(report.applied()).isEqualTo(1);
        assertThat(f.supabase.getPayment(p.id())).isPresent();
        JournalEntry conflict = f.journal.all().entries().stream().filter(e -> e.rowId().equals(p.id())).findFirst().orElseThrow();
        assertThat(conflict.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("amount");
            assertThat((BigDecimal) c.before()).isEqualByComparingTo("20.00");
            assertThat((BigDecimal) c.supabase()).isEqualByComparingTo("25.00");
        });
    }

    @Test
    void anEntryThatDoesNotFollowTheFormatIsMarkedInvalidWithItsReasonAndTheOthersReplay() throws Exception {
        Customer asha = asha();
        JournaledBackupStore till = f.console("Meera");
        Payment good = till.createPayment(new PaymentDraft(asha.id(), "5.00", PaymentMethod.CASH, null, null, PAID));
        String webId = UUID.randomUUID().toString();
        // the web app wrote amounts as doubles: refused, named
        f.journalCollection().insertOne(new Document("_id", webId).append("table", "payments").append("op", "insert")
                .append("row_id", UUID.randomUUID().toString())
                .append("fields", new Document("customer_id", asha.id().toString()).append("amount", 12.5).append("method", "cash")
                        .append("paid_at", Date.from(PAID)))
                .append("made_at", Date.from(PAID)).append("made_by", "web app").append("state", "pending"));
        f.journalCollection().insertOne(new Document("_id", "not-a-uuid").append("state", "pending"));
        // right format, but a value the shop's rules refuse
        f.journalCollection().insertOne(new Document("_id", UUID.randomUUID().toString()).append("table", "customers")
                .append("op", "insert").append("row_id", UUID.randomUUID().toString())
                .append("fields", new Document("name", "Tom").append("email", "not an email"))
                .append("made_at", Date.from(PAID)).append("made_by", "web app").append("state", "pending"));

        ReplayReport report = f.replay().replay();

        assertThat(report.applied()).isEqualTo(1);
        assertThat(report.invalid()).isEqualTo(3);
        assertThat(f.supabase.getPayment(good.id())).isPresent();
        Document web = f.journalCollection().find(Filters.eq("_id", webId)).first();
        assertThat(web.getString("state")).isEqualTo("invalid");
        assertThat(web.getString("reason")).isEqualTo("It does not follow the journal's format: fields.amount must be a Decimal128"
                + " (an exact amount), not a double (12.5).");
        assertThat(f.journalCollection().find(Filters.eq("_id", "not-a-uuid")).first().getString("reason"))
                .contains("_id must be a UUID string");
        Document tom = f.journalCollection().find(Filters.eq("fields.name", "Tom")).first();
        assertThat(tom.getString("state")).isEqualTo("invalid");
        assertThat(tom.getString("reason")).isEqualTo("email: Email must be an email address like name@example.com.");
        assertThat(f.count("select count(*) from public.customers where name = 'Tom'")).isZero();
        assertThat(f.journal.counts().needDecision()).isEqualTo(3);
    }

    @Test
    void aWebAppsEntryInTheDocumentedFormatIsReplayedLikeTheConsolesOwn() throws Exception {
        Customer asha = asha();
        String id = UUID.randomUUID().toString();
        String payment = UUID.randomUUID().toString();
        f.journalCollection().insertOne(new Document("_id", id).append("table", "payments").append("op", "insert")
                .append("row_id", payment)
                .append("fields", new Document("customer_id", asha.id().toString()).append("amount", new Decimal128(new BigDecimal("12.50")))
                        .append("method", "upi").append("reference", null).append("note", "web order 7").append("paid_at", Date.from(PAID)))
                .append("made_at", Date.from(PAID)).append("made_by", "web app").append("state", "pending"));
        assertThat(f.console("Meera").listPayments(asha.id()).payments()).extracting(Payment::note).containsExactly("web order 7");

        assertThat(f.replay().replay().applied()).isEqualTo(1);

        assertThat(f.supabase.getPayment(UUID.fromString(payment))).get().satisfies(p -> {
            assertThat(p.amount()).isEqualTo(new BigDecimal("12.50"));
            assertThat(p.method()).isEqualTo(PaymentMethod.UPI);
            assertThat(p.paidAt()).isEqualTo(PAID);
        });
        assertThat(f.one("select made_by from shoptwin.journal_applied where entry_id = '" + id + "'")).isEqualTo("web app");
        assertThat(List.of(f.journal.find(id).orElseThrow().state())).containsExactly(State.APPLIED);
    }
}
