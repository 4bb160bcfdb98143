package shoptwin.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import shoptwin.store.postgres.Database;

/** Where a customer search's time goes in PostgreSQL: EXPLAIN ANALYZE of the store's page and count queries. */
public final class SearchExplainBench {
    private SearchExplainBench() {
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (BenchEnv env = new BenchEnv()) {
            Database db = env.freshPostgres("explain", 4);
            BenchData.bulkLoad(db, customers, 10);
            // the store's filter (PostgresShopStore.SEARCH_FILTER), with the pattern bound three times over
            String filter = args.length > 1 && args[1].equals("old")
                    ? " where (name ilike ? escape '\\' or phone ilike ? escape '\\' or email ilike ? escape '\\')"
                    : " where lower(name || E'\\x01' || coalesce(phone, '') || E'\\x01' || coalesce(email, ''))"
                    + " like lower(?) escape '\\' and ? = ?";
            String page = "select c.id, c.name, t.total_paid, t.payment_count, t.last_payment_at"
                    + " from (select id, name, phone, email, address, notes, version, created_at, updated_at, name_sort"
                    + " from public.customers" + filter + " order by name_sort collate \"C\" asc, id asc offset 0 limit 50) c"
                    + " left join lateral (select coalesce(sum(p.amount), 0) as total_paid, count(*) as payment_count,"
                    + " max(p.paid_at) as last_payment_at from public.payments p where p.customer_id = c.id) t on true"
                    + " order by c.name_sort collate \"C\" asc, c.id asc";
            String count = "select count(*) from public.customers" + filter;
            for (String text : new String[] {"mar", "son", "zhang"}) {
                Stats before = SearchBench.timeCount(db, SearchBench.BEFORE_COUNT, text, 25);
                Stats after = SearchBench.timeCount(db, SearchBench.AFTER_COUNT, text, 25);
                System.out.printf("TIMING %s: before p50 %.1f p95 %.1f, after p50 %.1f p95 %.1f%n", text, before.p(50), before.p(95),
                        after.p(50), after.p(95));
            }
            try (Connection c = db.dataSource().getConnection()) {
                for (String text : new String[] {"mar", "son", "zhang"}) {
                    for (String sql : new String[] {page, count}) {
                        for (int rep = 0; rep < 3; rep++) {
                            try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + sql)) {
                                for (int i = 1; i <= 3; i++) {
                                    ps.setString(i, "%" + text + "%");
                                }
                                StringBuilder sb = new StringBuilder();
                                try (ResultSet rs = ps.executeQuery()) {
                                    while (rs.next()) {
                                        sb.append(rs.getString(1)).append('\n');
                                    }
                                }
                                if (rep == 2) {
                                    System.out.println("=== " + text + (sql == page ? " page" : " count") + "\n" + sb);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
