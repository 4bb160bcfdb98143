package shoptwin.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import shoptwin.store.postgres.Database;

/**
 * Where the outage journal's replay spends its time inside PostgreSQL (docs/benchmarks.md, section 9): the
 * same 2,000 entries (a quarter customers, the rest their payments, in the procedure's JSON form) written
 * (a) by the replay's first procedure, committing after every entry (recreated here as
 * {@code shoptwin.probe_apply_committing_each}), (b) by {@code shoptwin.apply_journal_entries} as it is now, one
 * transaction per chunk of 500 (each entry's exception block is its savepoint), each of the two with
 * {@code synchronous_commit} off (zonky's default) and on (durable, as Supabase runs), and (c) by plain
 * inserts, one transaction per chunk, for the triggers' cost.
 * Each on a fresh database, three rounds alternating. Run:
 * {@code mvn -B -q -o -Pbench test-compile exec:exec -Dbench.main=shoptwin.bench.ReplayCommitProbeBench}.
 */
public final class ReplayCommitProbeBench {
    static int N = 2_000;
    static final int CHUNK = 500;

    private ReplayCommitProbeBench() {
    }

    /** A chunk of entries, made by SQL: customers at i % 4 == 0, each followed by three of its payments. */
    static final String CHUNK_SQL = """
            with g as (select i, (i / 4) * 4 as c from generate_series(?::int, ?::int - 1) i),
                 ids as (select i, c, md5('c' || c)::uuid as customer, md5('p' || i)::uuid as payment from g)
            select jsonb_agg(case when i = c then
                     jsonb_build_object('entry', 'e' || i, 'table', 'customers', 'op', 'insert', 'row_id', customer,
                       'row', jsonb_build_object('id', customer, 'name', 'Outage customer ' || i, 'phone', '+49 30 ' || (1000000 + i),
                                                 'email', 'outage' || i || '@example.com', 'address', null, 'notes', null),
                       'made_by', 'probe', 'outcome', 'replayed')
                   else
                     jsonb_build_object('entry', 'e' || i, 'table', 'payments', 'op', 'insert', 'row_id', payment,
                       'row', jsonb_build_object('id', payment, 'customer_id', customer, 'amount', (10 + i % 90) || '.' || lpad((i % 100)::text, 2, '0'),
                                                 'method', case when i % 2 = 0 then 'cash' else 'card' end, 'reference', 'R-' || i,
                                                 'note', null, 'paid_at', '2026-11-25T09:00:00Z'),
                       'waits_for', jsonb_build_array('customers:' || customer),
                       'made_by', 'probe', 'outcome', 'replayed')
                   end order by i)
              from ids
            """;

    /** The procedure as it was before the fix (R__apply_journal_entries.sql in git history): a commit after every entry. */
    static final String COMMIT_EACH = """
            create or replace procedure shoptwin.probe_apply_committing_each(entries jsonb, inout outcomes jsonb default null)
                language plpgsql as $$
            declare
                e jsonb; o jsonb; blocked text[] := '{}'; done jsonb := '[]'::jsonb;
            begin
                for e in select x.value from pg_catalog.jsonb_array_elements(entries) with ordinality x(value, n) order by x.n loop
                    if ((e->>'table') || ':' || (e->>'row_id')) = any(blocked)
                       or exists (select 1 from pg_catalog.jsonb_array_elements_text(coalesce(e->'waits_for', '[]'::jsonb)) w(k)
                                  where w.k = any(blocked)) then
                        o := pg_catalog.jsonb_build_object('entry', e->>'entry', 'outcome', 'waiting');
                    else
                        o := shoptwin.apply_journal_entry(e);
                        commit;
                    end if;
                    if o->>'outcome' not in ('applied', 'already') then
                        blocked := blocked || ((e->>'table') || ':' || (e->>'row_id'));
                    end if;
                    done := done || pg_catalog.jsonb_build_array(o);
                end loop;
                outcomes := done;
            end;
            $$""";

    public static void main(String[] args) throws Exception {
        // optional: the number of entries, then words (separated by |) one of which a way to run contains, then the number of rounds
        N = args.length > 0 ? Integer.parseInt(args[0]) : N;
        String only = args.length > 1 ? args[1] : "";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String session = args.length > 3 ? String.join(" ", java.util.Arrays.copyOfRange(args, 3, args.length)) : ""; // e.g. a SET
        try (BenchEnv env = new BenchEnv()) {
            for (int round = 1; round <= rounds; round++) {
                for (String way : new String[] {"commit per entry (procedure as it was)", "commit per entry, synchronous_commit=on",
                        "one transaction per chunk (apply_journal_entries now)", "one transaction per chunk, synchronous_commit=on",
                        "plain inserts, one transaction per chunk"}) {
                    if (java.util.Arrays.stream(only.split("\\|")).noneMatch(way::contains)) {
                        continue;
                    }
                    StringBuilder chunks = new StringBuilder();
                    Database db = env.freshPostgres("probe", 3);
                    try (Connection c = db.dataSource().getConnection()) {
                        try (Statement s = c.createStatement()) {
                            s.execute(COMMIT_EACH);
                            s.execute("set synchronous_commit = " + (way.endsWith("=on") ? "on" : "off"));
                            s.execute("set track_functions = 'all'");
                            if (!session.isEmpty()) {
                                s.execute(session);
                            }
                        }
                        long total = 0;
                        for (int from = 0; from < N; from += CHUNK) {
                            String json;
                            c.setAutoCommit(true);
                            try (PreparedStatement ps = c.prepareStatement(CHUNK_SQL)) {
                                ps.setInt(1, from);
                                ps.setInt(2, from + CHUNK);
                                try (ResultSet rs = ps.executeQuery()) {
                                    rs.next();
                                    json = rs.getString(1);
                                }
                            }
                            long t0 = System.nanoTime();
                            if (way.startsWith("commit")) {
                                try (PreparedStatement ps = c.prepareStatement("call shoptwin.probe_apply_committing_each(?::jsonb, null)")) {
                                    ps.setString(1, json);
                                    ps.execute();
                                }
                            } else if (way.startsWith("one")) {
                                c.setAutoCommit(false);
                                try (PreparedStatement ps = c.prepareStatement("select count(*) filter (where o->>'outcome' = 'applied') from "
                                        + "jsonb_array_elements(shoptwin.apply_journal_entries(?::jsonb)) x(o)")) {
                                    ps.setString(1, json);
                                    try (ResultSet rs = ps.executeQuery()) {
                                        rs.next();
                                        if (rs.getInt(1) != CHUNK) {
                                            throw new IllegalStateException("applied " + rs.getInt(1));
                                        }
                                    }
                                }
                                c.commit();
                            } else {
                                c.setAutoCommit(false);
                                try (PreparedStatement ps = c.prepareStatement("""
                                        with x as (select value v from jsonb_array_elements(?::jsonb))
                                        , cu as (insert into public.customers (id, name, phone, email)
                                                 select (v->'row'->>'id')::uuid, v->'row'->>'name', v->'row'->>'phone', v->'row'->>'email'
                                                   from x where v->>'table' = 'customers' returning 1)
                                        select count(*) from cu""")) {
                                    ps.setString(1, json);
                                    ps.execute();
                                }
                                try (PreparedStatement ps = c.prepareStatement("""
                                        insert into public.payments (id, customer_id, amount, method, reference, paid_at)
                                        select (v->'row'->>'id')::uuid, (v->'row'->>'customer_id')::uuid, (v->'row'->>'amount')::numeric,
                                               v->'row'->>'method', v->'row'->>'reference', (v->'row'->>'paid_at')::timestamptz
                                          from jsonb_array_elements(?::jsonb) x(v) where v->>'table' = 'payments'""")) {
                                    ps.setString(1, json);
                                    ps.execute();
                                }
                                c.commit();
                            }
                            total += System.nanoTime() - t0;
                            chunks.append(' ').append((System.nanoTime() - t0) / 1_000_000);
                            c.setAutoCommit(true);
                        }
                        long rows;
                        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                                "select (select count(*) from public.customers) + (select count(*) from public.payments)")) {
                            rs.next();
                            rows = rs.getLong(1);
                        }
                        System.out.printf("round %d, %-48s %,d entries in %7.2f s = %.3f ms/entry (%d rows)%n", round, way, N,
                                total / 1e9, total / 1e6 / N, rows);
                        System.out.println("  ms per chunk of " + CHUNK + ":" + chunks);
                        try (Statement s = c.createStatement()) {
                            s.execute("select pg_stat_force_next_flush()");
                        }
                        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                                "select schemaname || '.' || funcname, calls, round(total_time), round(self_time)"
                                        + " from pg_stat_user_functions order by self_time desc limit 6")) {
                            while (rs.next()) {
                                System.out.printf("  %-45s calls %,7d  total %,7d ms  self %,7d ms%n", rs.getString(1), rs.getLong(2),
                                        rs.getLong(3), rs.getLong(4));
                            }
                        }
                    } finally {
                        env.dropPostgres(db);
                    }
                }
            }
        }
    }
}
