package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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

/**
 * shoptwin.customer_totals (what the Total paid and Last paid sorts read) follows every payment
 * change by any writer: it always equals the sums over public.payments.
 */
class CustomerTotalsTest {
    @AutoClose
    private final Database db = ShopTables.migratedDatabase();
    @AutoClose
    private final PostgresShopStore store = new PostgresShopStore(db);

    private static final String DIFFERENCES = "select count(*) from public.customers c"
            + " left join shoptwin.customer_totals k on k.customer_id = c.id"
            + " left join (select customer_id, sum(amount) s, count(*) n, max(paid_at) m from public.payments group by 1) p"
            + " on p.customer_id = c.id"
            + " where k.customer_id is null or k.total_paid <> coalesce(p.s, 0) or k.payment_count <> coalesce(p.n, 0)"
            + " or k.last_paid_at is distinct from p.m";

    private Payment pay(Customer c, String amount, String at) {
        return store.createPayment(new PaymentDraft(c.id(), amount, PaymentMethod.CASH, null, null, Instant.parse(at)));
    }

    @Test
    void totalsFollowInsertsUpdatesMovesAndDeletes() {
        Customer asha = store.createCustomer(new CustomerDraft("Asha", null, null, null, null));
        Customer bob = store.createCustomer(new CustomerDraft("Bob", null, null, null, null));
        assertThat(ShopTables.queryLong(db, DIFFERENCES)).isZero();
        Payment big = pay(asha, "100.00", "2026-03-01T10:00:00Z");
        Payment latest = pay(asha, "5.50", "2026-03-05T10:00:00Z");
        pay(bob, "20.00", "2026-03-02T10:00:00Z");
        assertThat(ShopTables.queryLong(db, DIFFERENCES)).isZero();

        // the latest payment moves earlier: the last payment date must come down
        store.updatePayment(latest.id(), latest.version(), new PaymentDraft(asha.id(), "6.50", PaymentMethod.CARD, null, null,
                Instant.parse("2026-02-01T10:00:00Z")));
        assertThat(ShopTables.queryLong(db, DIFFERENCES)).isZero();
        // a payment moves to another customer, then one is deleted, by plain SQL as another app would
        ShopTables.execute(db, "update public.payments set customer_id = '" + bob.id() + "' where id = '" + big.id() + "'");
        assertThat(ShopTables.queryLong(db, DIFFERENCES)).isZero();
        store.deletePayment(big.id());
        assertThat(ShopTables.queryLong(db, DIFFERENCES)).isZero();

        List<CustomerSummary> top = store.searchCustomers(new CustomerQuery("", CustomerSort.TOTAL_PAID, false, 0, 10)).items();
        assertThat(top.stream().map(s -> s.customer().name()).toList()).containsExactly("Bob", "Asha");
        store.deleteCustomer(bob.id());
        assertThat(ShopTables.queryLong(db, DIFFERENCES)).isZero();
        assertThat(ShopTables.count(db, "shoptwin.customer_totals")).isEqualTo(1);
    }

    @Test
    void dataLoadedWithTheTriggersOffIsRepairedByTheRebuild() {
        // a bulk load with the triggers off, as pg_restore --disable-triggers does it: that needs a superuser
        // (Supabase's own postgres role is not one, which is why the rebuild is a function the owner may call)
        shoptwin.testing.Sql.run(shoptwin.testing.TestDatabases.asSuperuser(db.settings()),
                "begin; set local session_replication_role = replica;"
                + " insert into public.customers (name) values ('Loaded'); commit");
        assertThat(ShopTables.queryLong(db, DIFFERENCES)).isEqualTo(1);
        assertThat(ShopTables.queryLong(db, "select shoptwin.rebuild_customer_totals()")).isEqualTo(1);
        assertThat(ShopTables.queryLong(db, DIFFERENCES)).isZero();
    }
}
