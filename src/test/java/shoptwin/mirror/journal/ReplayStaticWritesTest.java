package shoptwin.mirror.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

/**
 * The replay's row writes (R__write_journal_row.sql) are static statements for ShopTwin's columns and dynamic
 * ones for anything else; either way an update writes only the fields its entry names, whatever else the shop's
 * tables hold: the other columns keep their values, a column the web app added in Studio too, and a column
 * trigger added there fires only when its column is written. An insert names exactly the entry's columns, so a
 * Studio column left out gets its default. A chunk with one entry recorded already still applies the others.
 */
class ReplayStaticWritesTest {
    private static final String WHO = "meera (console on SHOP-PC)";

    @AutoClose
    private final Database db = new Database(TestDatabases.freshPostgres());
    private final UUID asha = UUID.randomUUID();
    private final UUID payment = UUID.randomUUID();

    @BeforeEach
    void shopWithAColumnAddedInStudio() throws Exception {
        db.migrate();
        sql("alter table public.customers add column loyalty_tier text not null default 'bronze'");
        sql("insert into public.customers (id, name, phone, email, address, notes, loyalty_tier) values ('" + asha
                + "', 'Asha Rao', '+91 98450 11111', 'asha@example.com', 'MG Road 4', 'prefers UPI', 'gold')");
        sql("insert into public.payments (id, customer_id, amount, method, reference, note, paid_at) values ('" + payment + "', '"
                + asha + "', 250.00, 'upi', 'UPI-1', 'first visit', '2026-11-28T10:15:30.123Z')");
    }

    @Test
    void anUpdateOfOneFieldLeavesEveryOtherColumnAsItWasTheStudioColumnToo() throws Exception {
        Map<String, ReplaySql.Outcome> out = apply(update("e1", MirrorTable.CUSTOMERS, asha, Map.of("phone", "+91 90000 22222"), 1L));

        assertThat(out.get("e1").outcome()).isEqualTo("applied");
        assertThat(out.get("e1").version()).isEqualTo(2L);
        assertThat(strings("select concat_ws('|', name, phone, email, address, notes, loyalty_tier, version) from public.customers"))
                .containsExactly("Asha Rao|+91 90000 22222|asha@example.com|MG Road 4|prefers UPI|gold|2");
        assertThat(strings("select concat_ws('|', entry_id, applied_version, made_by) from shoptwin.journal_applied"))
                .containsExactly("e1|2|" + WHO);
    }

    @Test
    void anUpdateToNullWritesTheNullAndAnUpdateOfTheStudioColumnIsWrittenToo() throws Exception {
        Map<String, String> cleared = new LinkedHashMap<>();
        cleared.put("notes", null);
        Map<String, ReplaySql.Outcome> out = apply(update("e1", MirrorTable.CUSTOMERS, asha, cleared, 1L),
                update("e2", MirrorTable.CUSTOMERS, asha, Map.of("loyalty_tier", "silver"), 2L));

        assertThat(out.get("e1").outcome()).isEqualTo("applied");
        assertThat(out.get("e2").outcome()).isEqualTo("applied");
        assertThat(strings("select concat_ws('|', name, phone, email, address, coalesce(notes, '(null)'), loyalty_tier, version)"
                + " from public.customers")).containsExactly("Asha Rao|+91 98450 11111|asha@example.com|MG Road 4|(null)|silver|3");
    }

    @Test
    void aPaymentsNoteEditLeavesItsAmountDateAndTheCustomersTotalsAloneAndAnAmountEditMovesThem() throws Exception {
        Map<String, ReplaySql.Outcome> out = apply(update("e1", MirrorTable.PAYMENTS, payment, Map.of("note", "paid at the till"), 1L),
                update("e2", MirrorTable.PAYMENTS, payment, Map.of("amount", "300.5"), 2L));

        assertThat(out.values()).extracting(ReplaySql.Outcome::outcome).containsExactly("applied", "applied");
        assertThat(strings("select concat_ws('|', customer_id, amount, method, reference, note, paid_at at time zone 'UTC', version)"
                + " from public.payments")).containsExactly(asha + "|300.50|upi|UPI-1|paid at the till|2026-11-28 10:15:30.123|3");
        assertThat(strings("select concat_ws('|', total_paid, payment_count, last_paid_at at time zone 'UTC') from shoptwin.customer_totals"))
                .containsExactly("300.50|1|2026-11-28 10:15:30.123");
    }

    @Test
    void aColumnTriggerAddedInStudioFiresOnlyWhenAnEntryWritesItsColumn() throws Exception {
        sql("create table public.name_changes (customer_id uuid, name text)");
        sql("create function public.log_name_change() returns trigger language plpgsql as $$"
                + " begin insert into public.name_changes values (new.id, new.name); return null; end $$");
        sql("create trigger customers_name_changes after update of name on public.customers"
                + " for each row execute function public.log_name_change()");

        Map<String, ReplaySql.Outcome> out = apply(update("e1", MirrorTable.CUSTOMERS, asha, Map.of("email", "asha.rao@example.com"), 1L),
                update("e2", MirrorTable.CUSTOMERS, asha, Map.of("name", "Asha R."), 2L));

        assertThat(out.values()).extracting(ReplaySql.Outcome::outcome).containsExactly("applied", "applied");
        assertThat(strings("select name from public.name_changes")).as("the e-mail edit did not write the name").containsExactly("Asha R.");
    }

    @Test
    void anInsertNamesExactlyItsColumnsAndAStudioColumnItCarriesIsWritten() throws Exception {
        UUID ravi = UUID.randomUUID();
        UUID kiran = UUID.randomUUID();
        Map<String, ReplaySql.Outcome> out = apply(insertCustomer("e1", ravi, Map.of()),
                insertCustomer("e2", kiran, Map.of("loyalty_tier", "silver")));

        assertThat(out.values()).extracting(ReplaySql.Outcome::outcome).containsExactly("applied", "applied");
        assertThat(strings("select concat_ws('|', name, phone, loyalty_tier, version, created_at at time zone 'UTC')"
                + " from public.customers where id in ('" + ravi + "', '" + kiran + "') order by name"))
                .containsExactly("Kiran Shah|+49 30 1234567|silver|1|2026-11-25 09:00:00.123",
                        "Ravi Kumar|+49 30 1234567|bronze|1|2026-11-25 09:00:00.123");
    }

    @Test
    void aChunkWithAnEntryRecordedAlreadyAppliesTheOthersOnceAndSaysAlready() throws Exception {
        UUID ravi = UUID.randomUUID();
        assertThat(apply(insertCustomer("e1", ravi, Map.of())).get("e1").outcome()).isEqualTo("applied");

        Map<String, ReplaySql.Outcome> out = apply(insertCustomer("e1", ravi, Map.of()),
                update("e2", MirrorTable.PAYMENTS, payment, Map.of("reference", "UPI-2"), 1L),
                new ReplaySql.Write("e3", MirrorTable.PAYMENTS, "delete", payment, Map.of(), 2L, null, Set.of(), WHO, "replayed"));

        assertThat(out.values()).extracting(ReplaySql.Outcome::outcome).containsExactly("already", "applied", "applied");
        assertThat(strings("select count(*)::text from public.payments")).containsExactly("0");
        assertThat(strings("select concat_ws('|', total_paid, payment_count) from shoptwin.customer_totals where customer_id = '" + asha + "'"))
                .containsExactly("0.00|0");
        assertThat(strings("select entry_id || ' ' || coalesce(applied_version::text, '-') from shoptwin.journal_applied order by entry_id"))
                .containsExactly("e1 1", "e2 2", "e3 -");
        assertThat(strings("select count(*)::text from public.customers where id = '" + ravi + "'")).containsExactly("1");
    }

    private Map<String, ReplaySql.Outcome> apply(ReplaySql.Write... writes) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            return ReplaySql.apply(c, List.of(writes));
        }
    }

    private static ReplaySql.Write update(String entry, MirrorTable table, UUID id, Map<String, String> set, long version) {
        return new ReplaySql.Write(entry, table, "update", id, set, version, null, Set.of(), WHO, "replayed");
    }

    /** As the replay sends a customer's insert (ReplayDecisions): every ShopTwin column, its id, when it was made. */
    private static ReplaySql.Write insertCustomer(String entry, UUID id, Map<String, String> extra) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", id.toString());
        row.put("name", extra.isEmpty() ? "Ravi Kumar" : "Kiran Shah");
        row.put("phone", "+49 30 1234567");
        row.put("email", null);
        row.put("address", null);
        row.put("notes", null);
        row.putAll(extra);
        row.put("created_at", "2026-11-25T09:00:00.123Z");
        return new ReplaySql.Write(entry, MirrorTable.CUSTOMERS, "insert", id, row, null, null, Set.of(), WHO, "replayed");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private List<String> strings(String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
