package shoptwin.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import shoptwin.store.postgres.Database;

/** Sample shop data, generated inside PostgreSQL (generate_series): 1.1 million rows load in seconds. */
final class BenchData {
    static final List<String> FIRST = List.of("Aarav", "Asha", "Anita", "Arjun", "Beatriz", "Bilal", "Carlos", "Chen",
            "Daniel", "Deepa", "Elena", "Emma", "Farah", "Felix", "Grace", "Hana", "Ibrahim", "Isabel", "James", "Jia",
            "Karan", "Kofi", "Lara", "Liam", "Maria", "Mark", "Marta", "Mohammed", "Nadia", "Noah", "Olivia", "Omar",
            "Priya", "Rahul", "Sara", "Sofia", "Tomas", "Uma", "Wei", "Yusuf");
    static final List<String> LAST = List.of("Anderson", "Baker", "Chatterjee", "Costa", "Davies", "Dubois", "Evans",
            "Fernandes", "Garcia", "Gupta", "Hansen", "Hernandez", "Ito", "Johnson", "Kapoor", "Khan", "Kim", "Kowalski",
            "Lee", "Lopez", "Martin", "Mensah", "Muller", "Nair", "Nguyen", "Okafor", "Patel", "Petrov", "Quinn", "Rossi",
            "Santos", "Schmidt", "Sharma", "Silva", "Singh", "Tanaka", "Thompson", "Wilson", "Yamamoto", "Zhang");

    private BenchData() {
    }

    private static String sqlArray(List<String> values) {
        return "array['" + String.join("','", values) + "']";
    }

    /** Name, phone, e-mail, address and notes of customer number {@code i}, as SQL over a series {@code i}. */
    static String customerColumns() {
        String f = "(" + sqlArray(FIRST) + ")[1 + (i % 40)]";
        String l = "(" + sqlArray(LAST) + ")[1 + ((i / 40) % 40)]";
        return f + " || ' ' || " + l + ", "
                + "'+1 555 ' || lpad(i::text, 7, '0'), "
                + "lower(" + f + ") || '.' || lower(" + l + ") || i || '@example.com', "
                + "i || ' Market Street, Springfield', "
                + "case when i % 7 = 0 then 'prefers evening calls' end";
    }

    /**
     * Customers (and payments per customer) written as the stamping triggers would write them, but with
     * every trigger off (session_replication_role = replica): no change-log rows, as for data that existed
     * before ShopTwin was installed.
     */
    static void bulkLoad(Database db, int customers, int paymentsPerCustomer) throws SQLException {
        load(db, customers, paymentsPerCustomer, false);
    }

    /** As {@link #bulkLoad}; with {@code captured}, every trigger on: each row waits in the change log, as in a new shop. */
    static void load(Database db, int customers, int paymentsPerCustomer, boolean captured) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            if (!captured) {
                s.execute("set local session_replication_role = replica");
            }
            s.execute("insert into public.customers (name, phone, email, address, notes, created_at, updated_at) "
                    + "select " + customerColumns() + ", t, t "
                    + "from generate_series(1, " + customers + ") i, "
                    + "(select date_trunc('milliseconds', now()) - interval '400 days' t) n");
            if (paymentsPerCustomer > 0) {
                s.execute("insert into public.payments (customer_id, amount, method, reference, note, paid_at, created_at, updated_at) "
                        + "select c.id, (1 + (abs(hashtext(c.id::text || k)) % 50000) / 100.0)::numeric(12,2), "
                        + "(array['cash','card','upi','bank_transfer','other'])[1 + (k % 5)], 'R-' || k, "
                        + "case when k % 4 = 0 then 'paid at the counter' end, "
                        + "date_trunc('milliseconds', c.created_at + k * interval '1 day'), c.created_at, c.created_at "
                        + "from public.customers c, generate_series(1, " + paymentsPerCustomer + ") k");
            }
            // the triggers were off: the per-customer figures the Total paid / Last paid sorts read are rebuilt
            s.execute("select shoptwin.rebuild_customer_totals()");
            c.commit();
            s.execute("analyze shoptwin.customer_totals");
            s.execute("analyze public.customers");
            s.execute("analyze public.payments");
        }
    }

    /**
     * A backlog of exactly {@code changes} captured changes, as an outage leaves it: 50% customer inserts,
     * 30% customer updates, 10% payment inserts, 10% deletes of customers without payments.
     */
    static void captureBacklog(Database db, int changes) throws SQLException {
        int inserts = changes / 2;
        int updates = changes * 3 / 10;
        int payments = changes / 10;
        int deletes = changes - inserts - updates - payments;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into public.customers (name, phone, email, address, notes) select "
                    + customerColumns() + " from generate_series(1, " + inserts + ") i");
            s.execute("with picked as (select id from public.customers order by id limit " + updates + ") "
                    + "update public.customers c set notes = 'called back about the order', phone = '+1 555 0000000' "
                    + "from picked where c.id = picked.id");
            s.execute("with picked as (select id from public.customers order by id desc limit " + payments + ") "
                    + "insert into public.payments (customer_id, amount, method, reference) "
                    + "select id, 12.50, 'card', 'catch-up' from picked");
            s.execute("with picked as (select c.id from public.customers c "
                    + "where not exists (select 1 from public.payments p where p.customer_id = c.id) "
                    + "order by c.id desc limit " + deletes + ") "
                    + "delete from public.customers c using picked where c.id = picked.id");
        }
    }

    static String randomName(Random random) {
        return FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
    }
}
