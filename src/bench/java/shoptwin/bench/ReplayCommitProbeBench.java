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
 * transaction per chunk of 500, and as it was before its static statements ({@link #BEFORE_STATIC}, "before"),
 * with {@code synchronous_commit} off (zonky's default) and on (durable, as Supabase runs), and (c) by plain
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
                                                 'email', 'outage' || i || '@example.com', 'address', null, 'notes', null,
                                                 'created_at', '2026-11-25T08:59:00Z'),
                       'made_by', 'probe', 'outcome', 'replayed')
                   else
                     jsonb_build_object('entry', 'e' || i, 'table', 'payments', 'op', 'insert', 'row_id', payment,
                       'row', jsonb_build_object('id', payment, 'customer_id', customer, 'amount', (10 + i % 90) || '.' || lpad((i % 100)::text, 2, '0'),
                                                 'method', case when i % 2 = 0 then 'cash' else 'card' end, 'reference', 'R-' || i,
                                                 'note', null, 'paid_at', '2026-11-25T09:00:00Z', 'created_at', '2026-11-25T09:00:00Z'),
                       'waits_for', jsonb_build_array('customers:' || customer),
                       'made_by', 'probe', 'outcome', 'replayed')
                   end order by i)
              from ids
            """;

    /**
     * The entry functions as they were before the static statements (R__apply_journal_entry.sql and
     * R__apply_journal_entries.sql at f837d3a): dynamic statements, the recorded id inserted then updated, a
     * savepoint per entry. Kept here to compare old and new in the same minutes ("before" ways).
     */
    static final String BEFORE_STATIC = """
create or replace function shoptwin.probe_old_apply_journal_entry(e jsonb) returns jsonb
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    tbl      constant text := e->>'table';
    op       constant text := e->>'op';
    entry    constant text := e->>'entry';
    row_id   uuid;
    cols     text;
    written  bigint;
    prior    bigint;
begin
    if tbl is null or tbl not in ('customers', 'payments') or op is null or op not in ('insert', 'update', 'delete') then
        return jsonb_build_object('entry', entry, 'outcome', 'refused', 'reason', 'not a journal table or operation');
    end if;
    begin
        row_id := (e->>'row_id')::uuid; -- here, so that a malformed id is this entry's "refused", not the chunk's failure
        insert into shoptwin.journal_applied (entry_id, table_name, op, row_id, made_by, outcome)
        values (entry, tbl, op, row_id, left(e->>'made_by', 200), coalesce(e->>'outcome', 'replayed'))
        on conflict (entry_id) do nothing;
        if not found then
            select j.applied_version into prior from shoptwin.journal_applied j where j.entry_id = entry;
            return jsonb_build_object('entry', entry, 'outcome', 'already', 'version', prior);
        end if;
        -- who made the change on the backup, as the capture trigger records writers (R__capture_change, docs/history.md)
        perform set_config('shoptwin.staff', coalesce(left(e->>'made_by', 200), ''), true);
        perform set_config('shoptwin.staff_via', 'backup during an outage', true);
        if op = 'insert' then
            select string_agg(format('%I', k), ', ') into cols from jsonb_object_keys(e->'row') k;
            execute format('insert into public.%1$I as t (%2$s) select %2$s from jsonb_populate_record(null::public.%1$I, $1)'
                           ' on conflict (id) do nothing returning t.version', tbl, cols)
                into written using e->'row';
        elsif op = 'update' then
            select string_agg(format('%I', k), ', ') into cols from jsonb_object_keys(e->'row') k;
            execute format('update public.%1$I t set (%2$s) = (select %2$s from jsonb_populate_record(null::public.%1$I, $1))'
                           ' where t.id = $2 and t.version = $3 returning t.version', tbl, cols)
                into written using e->'row', row_id, (e->>'version')::bigint;
        elsif tbl = 'customers' and e ? 'keep_payments' then
            -- the customer's payments go with them (cascade): only those the person saw
            delete from public.customers t
             where t.id = row_id and t.version = (e->>'version')::bigint
               and not exists (select 1 from public.payments p
                                where p.customer_id = row_id
                                  and p.id::text not in (select jsonb_array_elements_text(e->'keep_payments')))
            returning t.version into written;
        else
            execute format('delete from public.%1$I t where t.id = $1 and t.version = $2 returning t.version', tbl)
                into written using row_id, (e->>'version')::bigint;
        end if;
        if written is null then
            raise exception 'the row changed since it was read' using errcode = 'SJ001';
        end if;
        if op = 'delete' then
            written := null;
        end if;
        update shoptwin.journal_applied j set applied_version = written where j.entry_id = entry;
        return jsonb_build_object('entry', entry, 'outcome', 'applied', 'version', written);
    exception
        when sqlstate 'SJ001' or foreign_key_violation or unique_violation or lock_not_available or query_canceled
             or serialization_failure or deadlock_detected then
            return jsonb_build_object('entry', entry, 'outcome', 'changed', 'reason', sqlerrm);
        when others then
            return jsonb_build_object('entry', entry, 'outcome', 'refused', 'reason', sqlerrm, 'state', sqlstate);
    end;
end;
$$;
create or replace function shoptwin.probe_old_apply_journal_entries(entries jsonb) returns jsonb
    language plpgsql
    set search_path = pg_catalog, pg_temp
    set plan_cache_mode = force_custom_plan
as $$
declare
    e        jsonb;
    o        jsonb;
    blocked  text[] := '{}';
    done     jsonb[] := '{}';
begin
    for e in select x.value from jsonb_array_elements(entries) with ordinality x(value, n) order by x.n loop
        if ((e->>'table') || ':' || (e->>'row_id')) = any(blocked)
           or exists (select 1 from jsonb_array_elements_text(coalesce(e->'waits_for', '[]'::jsonb)) w(k)
                      where w.k = any(blocked)) then
            o := jsonb_build_object('entry', e->>'entry', 'outcome', 'waiting');
        else
            o := shoptwin.probe_old_apply_journal_entry(e);
        end if;
        if o->>'outcome' not in ('applied', 'already') then
            blocked := blocked || ((e->>'table') || ':' || (e->>'row_id'));
        end if;
        done := array_append(done, o);
    end loop;
    return to_jsonb(done);
end;
$$;
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
                        "before: one transaction per chunk, dynamic statements (the functions at f837d3a)",
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
                            s.execute(BEFORE_STATIC);
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
                            } else if (way.startsWith("one") || way.startsWith("before")) {
                                c.setAutoCommit(false);
                                String function = way.startsWith("before") ? "shoptwin.probe_old_apply_journal_entries" : "shoptwin.apply_journal_entries";
                                try (PreparedStatement ps = c.prepareStatement("select count(*) filter (where o->>'outcome' = 'applied') from "
                                        + "jsonb_array_elements(" + function + "(?::jsonb)) x(o)")) {
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
