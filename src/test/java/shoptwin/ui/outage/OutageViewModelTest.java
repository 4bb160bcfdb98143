package shoptwin.ui.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import shoptwin.mirror.journal.ReplayReport;
import shoptwin.status.OutageChange;
import shoptwin.status.OutageChanges;
import shoptwin.status.OutageSummary;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournalEntry.FieldConflict;
import shoptwin.store.journal.JournalEntry.Op;
import shoptwin.store.journal.JournalEntry.State;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

/** The outage screen's view model over a fake journal: what it lists, in which order, and the decisions. */
class OutageViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    /** The journal as the screen sees it; decisions are recorded and change what the next list says. */
    static class FakeChanges implements OutageChanges {
        final List<OutageChange> changes = new ArrayList<>();
        final List<String> decisions = new ArrayList<>();
        RuntimeException failNext;
        int lists;

        @Override
        public OutageSummary summary() {
            return new OutageSummary(changes.stream().filter(c -> c.state() == State.PENDING).count(),
                    changes.stream().filter(OutageChange::needsDecision).count(), 0);
        }

        @Override
        public List<OutageChange> list() {
            lists++;
            return List.copyOf(changes);
        }

        private void decide(String what, String id, State to, String resolution) {
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                throw e;
            }
            decisions.add(what + " " + id);
            for (int i = 0; i < changes.size(); i++) {
                OutageChange c = changes.get(i);
                if (c.id().equals(id)) {
                    JournalEntry e = c.entry();
                    changes.set(i, new OutageChange(id, new JournalEntry(e.id(), e.table(), e.op(), e.rowId(), e.fields(),
                            e.before(), e.baseVersion(), e.madeAt(), e.madeBy(), to, null, null, e.reason(), e.reasonCode(),
                            "meera", T0.plusSeconds(3600), resolution, e.follows(), e.paymentsSeen(), e.customer(),
                            e.conflicts()), null, c.customerName(), null));
                }
            }
        }

        @Override
        public void keepMine(String id) {
            decide("mine", id, State.APPLIED, "mine");
        }

        @Override
        public void keepTheirs(String id) {
            decide("theirs", id, State.CONFLICT, "theirs");
        }

        @Override
        public void recreateCustomer(String id) {
            decide("recreate", id, State.APPLIED, "recreated_customer");
        }

        @Override
        public ReplayReport replayNow() {
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                throw e;
            }
            return new ReplayReport(1, 0, 0, 0);
        }
    }

    private final FakeChanges journal = new FakeChanges();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ShopContext shop = new ShopContext();
    private final OutageViewModel vm = new OutageViewModel(journal, new SameThreadUiExecutor(), dialogs, shop);

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static JournalEntry entry(String id, MirrorTable table, Op op, Map<String, Object> fields, Map<String, Object> before,
            Instant at, State state, String reason, String code, List<FieldConflict> conflicts, Map<String, Object> customer) {
        return new JournalEntry(id, table, op, UUID.randomUUID(), fields, before, op == Op.INSERT ? null : 3L, at,
                "meera (console on SHOP-PC)", state, null, null, reason, code, null, null, null, List.of(), null, customer,
                conflicts);
    }

    private void aPendingPaymentAConflictAndAnInvalidEntry() {
        journal.changes.add(new OutageChange("p1", entry("p1", MirrorTable.PAYMENTS, Op.INSERT,
                map("customer_id", ANNA.toString(), "amount", new BigDecimal("12.50"), "method", "cash"), Map.of(), T0,
                State.PENDING, null, null, List.of(), null), null, "Anna Meyer", null));
        journal.changes.add(new OutageChange("c1", entry("c1", MirrorTable.CUSTOMERS, Op.UPDATE,
                map("phone", "+49 30 1111"), map("phone", "+49 30 0000"), T0.plusSeconds(60), State.CONFLICT,
                "Supabase changed the phone meanwhile", "changed",
                List.of(new FieldConflict("phone", "+49 30 0000", "+49 30 1111", "+49 30 2222")), null), null, "Anna Meyer",
                map("phone", "+49 30 2222")));
        journal.changes.add(new OutageChange("bad", null, "field 'op' is 'upsert', not insert, update or delete", null, null));
    }

    @Test
    void decisionsComeFirstThenWhatWaitsAndTheSummaryCountsEach() {
        aPendingPaymentAConflictAndAnInvalidEntry();
        vm.load();

        // decisions first (an entry without a readable date first of all), newest first
        assertThat(vm.rows()).extracting(OutageViewModel.Row::id).containsExactly("bad", "c1", "p1");
        assertThat(vm.rows()).extracting(OutageViewModel.Row::state)
                .containsExactly("Invalid: needs a decision", "Conflict: needs a decision", "Waiting for Supabase");
        assertThat(vm.rows().get(2).what()).startsWith("New payment of ").contains("12.50");
        assertThat(vm.rows().get(1).what()).isEqualTo("Customer edited: phone");
        assertThat(vm.rows().get(1).customer()).isEqualTo("Anna Meyer");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 waiting for Supabase · 2 need a decision · 0 in Supabase or closed");

        vm.show(OutageViewModel.Show.WAITING);
        assertThat(vm.rows()).extracting(OutageViewModel.Row::id).containsExactly("p1");
        vm.show(OutageViewModel.Show.DECIDE);
        assertThat(vm.rows()).extracting(OutageViewModel.Row::id).containsExactly("bad", "c1");
    }

    @Test
    void aConflictShowsBeforeMineAndSupabasesPerFieldAndKeepMineDecides() {
        aPendingPaymentAConflictAndAnInvalidEntry();
        vm.load();
        assertThat(vm.selectedProperty().get().id()).isEqualTo("bad"); // the first row is selected by itself
        vm.select(row("c1"));
        assertThat(vm.fields()).containsExactly(new OutageViewModel.FieldRow("Phone", "+49 30 0000", "+49 30 1111", "+49 30 2222", true));
        assertThat(vm.detailProperty().get()).isEqualTo("Supabase changed the phone meanwhile");
        assertThat(vm.canKeepMineProperty().get()).isTrue();
        assertThat(vm.canKeepTheirsProperty().get()).isTrue();
        assertThat(vm.canRecreateProperty().get()).isFalse();
        AtomicRuns changed = new AtomicRuns();
        vm.setOnChanged(changed);

        vm.keepMine();

        assertThat(journal.decisions).containsExactly("mine c1");
        assertThat(vm.messageProperty().get()).isEqualTo("Your value is in Supabase now.");
        assertThat(changed.runs).isEqualTo(1);
        OutageViewModel.Row kept = row("c1");
        assertThat(kept.state()).isEqualTo("Kept yours");
        assertThat(kept.needsDecision()).isFalse();
        assertThat(vm.summaryProperty().get()).startsWith("1 waiting for Supabase · 1 needs a decision · 1 in Supabase");
    }

    @Test
    void anInvalidEntrySaysWhyAndOnlyKeepSupabasesClosesIt() {
        aPendingPaymentAConflictAndAnInvalidEntry();
        vm.load();
        vm.select(row("bad"));
        assertThat(vm.detailProperty().get()).contains("does not follow the journal's format")
                .contains("field 'op' is 'upsert'");
        assertThat(vm.canKeepMineProperty().get()).isFalse();
        assertThat(vm.canKeepTheirsProperty().get()).isTrue();

        vm.keepTheirs();
        assertThat(journal.decisions).containsExactly("theirs bad");
    }

    @Test
    void aPaymentWhoseCustomerWasDeletedOffersToRecreateTheCustomer() {
        journal.changes.add(new OutageChange("p2", entry("p2", MirrorTable.PAYMENTS, Op.INSERT,
                map("customer_id", ANNA.toString(), "amount", new BigDecimal("5.00"), "method", "card"), Map.of(), T0,
                State.CONFLICT, "The customer was deleted on Supabase meanwhile", "customer_gone", List.of(),
                map("name", "Anna Meyer")), null, "Anna Meyer", null));
        vm.load();
        assertThat(vm.canRecreateProperty().get()).isTrue();
        assertThat(vm.canKeepMineProperty().get()).isFalse(); // an insert has nothing of Supabase's to write over

        vm.recreateCustomer();
        assertThat(journal.decisions).containsExactly("recreate p2");
        assertThat(vm.rows().get(0).state()).isEqualTo("Customer recreated");
    }

    @Test
    void aDecisionSupabaseCannotTakeNowIsShownAndTheChangeStaysUndecided() {
        aPendingPaymentAConflictAndAnInvalidEntry();
        vm.load();
        vm.select(row("c1"));
        journal.failNext = new StoreUnavailableException("Supabase is not answering: the changes wait, and are sent when it answers.", null);

        vm.keepMine();

        assertThat(dialogs.errors).singleElement().asString().contains("Supabase is not answering");
        assertThat(journal.decisions).isEmpty();
        assertThat(row("c1").needsDecision()).isTrue();
        assertThat(vm.selectedProperty().get().id()).isEqualTo("c1");
        assertThat(vm.canKeepMineProperty().get()).isTrue(); // it can be tried again
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void replayNowSaysWhatItSentAndReadsAgain() {
        aPendingPaymentAConflictAndAnInvalidEntry();
        vm.load();
        int before = journal.lists;
        vm.replayNow();
        assertThat(vm.messageProperty().get()).isEqualTo("Sent: 1 applied, 0 in conflict, 0 invalid, 0 still pending.");
        assertThat(journal.lists).isEqualTo(before + 1);
    }

    @Test
    void aJournalThatCannotBeReadSaysSo() {
        OutageViewModel broken = new OutageViewModel(new FakeChanges() {
            @Override
            public List<OutageChange> list() {
                throw new StoreUnavailableException("The MongoDB backup is not answering: connection refused", null);
            }
        }, new SameThreadUiExecutor(), dialogs, shop);
        broken.load();
        assertThat(broken.messageProperty().get()).startsWith("Could not read the changes: ").contains("MongoDB backup is not answering");
        assertThat(broken.rows()).isEmpty();
    }

    private OutageViewModel.Row row(String id) {
        return vm.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    static final class AtomicRuns implements Runnable {
        int runs;

        @Override
        public void run() {
            runs++;
        }
    }
}
