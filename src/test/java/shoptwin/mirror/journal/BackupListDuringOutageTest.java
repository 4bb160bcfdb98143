package shoptwin.mirror.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
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
import shoptwin.store.Page;
import shoptwin.store.ShopStore;
import shoptwin.store.journal.JournaledBackupStore;

/**
 * The backup's list during an outage is the list Supabase has once the journal is replayed: every sort, both
 * directions, paged, searched, with totals, for customers added, renamed, deleted and paid for on the backup
 * among customers nobody touched.
 */
class BackupListDuringOutageTest {
    @AutoClose
    private final OutageFixture f = new OutageFixture();

    private static final String[] NAMES = {"Asha", "Ravi", "Meera", "Zoë", "Émile", "kiran", "Bob", "Anand", "Chitra", "Dev"};

    @Test
    void pagesOnTheBackupDuringTheOutageEqualSupabasesPagesAfterTheReplay() throws Exception {
        Random random = new Random(15);
        List<UUID> ids = new ArrayList<>();
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("insert into public.customers (id, name, phone, email) values (?, ?, ?, ?)")) {
            for (int i = 0; i < 60; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                ps.setObject(1, id);
                ps.setString(2, NAMES[i % NAMES.length] + " " + (char) ('A' + random.nextInt(26)));
                ps.setString(3, i % 4 == 0 ? null : "+91 98" + (100000 + random.nextInt(899999)));
                ps.setString(4, i % 3 == 0 ? null : "c" + i + "@example.com");
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (int i = 0; i < 40; i++) {
            f.supabase.createPayment(new PaymentDraft(ids.get(random.nextInt(ids.size())), (1 + random.nextInt(500)) + ".25",
                    PaymentMethod.CASH, null, null, Instant.parse("2026-11-01T10:00:00Z").plusSeconds(random.nextInt(1_000_000))));
        }
        f.mirrorOnce();

        JournaledBackupStore till = f.console("Meera");
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Customer c = till.createCustomer(new CustomerDraft(NAMES[(i * 3) % NAMES.length] + " new " + i,
                    i % 2 == 0 ? null : "+91 77" + (100000 + i), null, null, null));
            added.add(c.id());
        }
        for (int i = 0; i < 6; i++) {
            Customer c = till.getCustomer(ids.get(i * 7)).orElseThrow();
            till.updateCustomer(c.id(), c.version(), new CustomerDraft("Aaron moved " + i, c.phone(), "moved" + i + "@example.com", null, null));
        }
        till.deleteCustomer(ids.get(5));
        till.deleteCustomer(ids.get(13));
        for (int i = 0; i < 12; i++) {
            UUID who = i % 2 == 0 ? added.get(i % added.size()) : ids.get(20 + i);
            till.createPayment(new PaymentDraft(who, (10 + i) + ".50", PaymentMethod.CARD, null, null,
                    Instant.parse("2026-11-29T10:00:00Z").plusSeconds(i * 60L)));
        }
        Payment gone = till.listPayments(ids.get(30)).payments().stream().findFirst().orElse(null);
        if (gone != null) {
            till.deletePayment(gone.id());
        }

        List<String> queries = List.of("", "a", "new", "+91 77", "example");
        List<List<String>> onTheBackup = new ArrayList<>();
        for (String q : queries) {
            for (CustomerSort sort : List.of(CustomerSort.NAME, CustomerSort.PHONE, CustomerSort.EMAIL, CustomerSort.CREATED_AT,
                    CustomerSort.TOTAL_PAID, CustomerSort.LAST_PAID)) {
                for (boolean asc : new boolean[] {true, false}) {
                    onTheBackup.add(pages(till, q, sort, asc));
                }
            }
        }

        assertThat(f.replay().replay().applied()).isEqualTo(9 + 6 + 2 + 12 + (gone == null ? 0 : 1));

        int n = 0;
        for (String q : queries) {
            for (CustomerSort sort : List.of(CustomerSort.NAME, CustomerSort.PHONE, CustomerSort.EMAIL, CustomerSort.CREATED_AT,
                    CustomerSort.TOTAL_PAID, CustomerSort.LAST_PAID)) {
                for (boolean asc : new boolean[] {true, false}) {
                    assertThat(onTheBackup.get(n++)).as("'%s' by %s %s", q, sort, asc ? "ascending" : "descending")
                            .isEqualTo(pages(f.supabase, q, sort, asc));
                }
            }
        }
    }

    /** Every page of 7, each row as id, total, count and last payment; then the total. */
    private static List<String> pages(ShopStore store, String text, CustomerSort sort, boolean ascending) {
        List<String> rows = new ArrayList<>();
        int offset = 0;
        long total;
        do {
            Page<CustomerSummary> p = store.searchCustomers(new CustomerQuery(text, sort, ascending, offset, 7));
            total = p.total();
            for (CustomerSummary s : p.items()) {
                rows.add(s.customer().name() + " " + s.customer().id() + " " + s.totalPaid().stripTrailingZeros().toPlainString()
                        + " " + s.paymentCount() + " " + s.lastPaymentAt());
            }
            offset += 7;
        } while (offset < total);
        rows.add("total " + total);
        return rows;
    }
}
