-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change it here, never in a new V file.
-- Outage-journal entries into PostgreSQL in one round trip and one transaction (the caller's: it commits
-- once for the whole chunk). Committing per entry (this routine's first version, a procedure) cost ~5 ms an
-- entry on a durable server for the commit alone (docs/benchmarks.md, section 9).
-- Entries run in the array's order; once an entry of a row did not apply, that row's later entries (and
-- entries that wait for it, "waits_for": ["customers:<uuid>", ...]) are "waiting": the replay decides them
-- again in order. Returns [{"entry", "outcome", "version", "reason"}, ...] in the same order.
--
-- Two ways, the same outcome. First the whole chunk in one savepoint (one exception block): the rows, then every
-- entry's id in shoptwin.journal_applied in one insert. Consecutive inserts of new rows by the same person that
-- name exactly ShopTwin's columns (what the replay sends for a new customer or payment) go in one insert
-- statement per table, customers first (a statement per row, planned afresh under force_custom_plan, cost more
-- than the row); any other entry is written alone by shoptwin.write_journal_row, in its place in the order.
-- The replay sends only entries it decided to write, so normally every one applies, and a savepoint per entry
-- (a subtransaction each) is cost for nothing. If anything of it fails (a row changed meanwhile, a value refused,
-- an entry recorded already or meanwhile by another replay), the block rolls back the whole attempt (no row,
-- no id, nothing captured) and the chunk runs again entry by entry, each in its own savepoint
-- (shoptwin.apply_journal_entry): the one that conflicts or is refused rolls back alone while the others apply
-- (ReplayChunkTransactionTest).
--
-- plan_cache_mode = force_custom_plan, for this call and the triggers it fires: a replay writes thousands of
-- rows in one session into tables that may have been small when its cached plans were made (a new shop, a
-- table emptied since), and the triggers' generic plans (customer_totals above all) then slow down as the
-- tables grow: 0.2 s for the first 500 plain inserts, 0.9 s for the twentieth (docs/benchmarks.md, section 9).
-- Planning each statement afresh costs less than that.
drop procedure if exists shoptwin.apply_journal_entries(jsonb, jsonb);

create or replace function shoptwin.apply_journal_entries(entries jsonb) returns jsonb
    language plpgsql
    set search_path = pg_catalog, pg_temp
    set plan_cache_mode = force_custom_plan
as $$
declare
    -- the columns an insert names when it goes with others in one statement (as R__write_journal_row.sql's
    -- static inserts): exactly these, so that no column is left to its default that the entry would not leave
    customer_columns constant text[] := array['id', 'name', 'phone', 'email', 'address', 'notes', 'created_at'];
    payment_columns  constant text[] := array['id', 'customer_id', 'amount', 'method', 'reference', 'note', 'paid_at', 'created_at'];
    e         jsonb;
    o         jsonb;
    r         jsonb;
    total     int := jsonb_array_length(entries);
    blocked   text[] := '{}';
    done      jsonb[] := '{}';
    versions  bigint[] := array_fill(null::bigint, array[jsonb_array_length(entries)]);
    run       jsonb[] := '{}';
    run_at    int[] := '{}';
    together  boolean;
    who       text;
    staff     text;
    wanted    int;
    got_n     int;
    got       jsonb;
begin
    if not exists (select 1 from shoptwin.journal_applied j
                    where j.entry_id in (select x->>'entry' from jsonb_array_elements(entries) x)) then
        begin
            perform set_config('shoptwin.staff_via', 'backup during an outage', true);
            -- k = total + 1 only writes the last run
            for k in 1 .. total + 1 loop
                e := entries->(k - 1);
                r := e->'row';
                who := coalesce(left(e->>'made_by', 200), '');
                together := coalesce(e->>'op' = 'insert'
                                     and case e->>'table'
                                             when 'customers' then r ?& customer_columns and r - customer_columns = '{}'::jsonb
                                             when 'payments' then r ?& payment_columns and r - payment_columns = '{}'::jsonb
                                             else false end, false);
                if cardinality(run) > 0 and (k > total or not together or who is distinct from staff) then
                    -- a run of inserts of new rows, one statement per table: customers first, so that every
                    -- payment's customer is there (within the run, nothing else depends on the order)
                    wanted := (select count(*) from unnest(run) v where v->>'table' = 'customers');
                    if wanted > 0 then
                        with ins as (
                            insert into public.customers as t (id, name, phone, email, address, notes, created_at)
                            select p.id, p.name, p.phone, p.email, p.address, p.notes, p.created_at
                              from unnest(run) with ordinality u(v, i)
                                   cross join lateral jsonb_populate_record(null::public.customers, u.v->'row') p
                             where u.v->>'table' = 'customers'
                             order by u.i
                            returning t.id, t.version)
                        select count(*), jsonb_object_agg(ins.id::text, ins.version) into got_n, got from ins;
                        if got_n <> wanted then
                            raise exception 'a customer was not inserted' using errcode = 'SJ001';
                        end if;
                        for i in 1 .. cardinality(run) loop
                            if run[i]->>'table' = 'customers' then
                                versions[run_at[i]] := (got->>((run[i]->'row'->>'id')::uuid::text))::bigint;
                            end if;
                        end loop;
                    end if;
                    wanted := (select count(*) from unnest(run) v where v->>'table' = 'payments');
                    if wanted > 0 then
                        with ins as (
                            insert into public.payments as t (id, customer_id, amount, method, reference, note, paid_at, created_at)
                            select p.id, p.customer_id, p.amount, p.method, p.reference, p.note, p.paid_at, p.created_at
                              from unnest(run) with ordinality u(v, i)
                                   cross join lateral jsonb_populate_record(null::public.payments, u.v->'row') p
                             where u.v->>'table' = 'payments'
                             order by u.i
                            returning t.id, t.version)
                        select count(*), jsonb_object_agg(ins.id::text, ins.version) into got_n, got from ins;
                        if got_n <> wanted then
                            raise exception 'a payment was not inserted' using errcode = 'SJ001';
                        end if;
                        for i in 1 .. cardinality(run) loop
                            if run[i]->>'table' = 'payments' then
                                versions[run_at[i]] := (got->>((run[i]->'row'->>'id')::uuid::text))::bigint;
                            end if;
                        end loop;
                    end if;
                    run := '{}';
                    run_at := '{}';
                end if;
                exit when k > total;
                -- who made the change on the backup, as the capture trigger records writers (R__capture_change)
                if staff is distinct from who then
                    perform set_config('shoptwin.staff', who, true);
                    staff := who;
                end if;
                if together then
                    run := array_append(run, e);
                    run_at := array_append(run_at, k);
                else
                    versions[k] := shoptwin.write_journal_row(e);
                end if;
            end loop;
            insert into shoptwin.journal_applied (entry_id, table_name, op, row_id, made_by, outcome, applied_version)
            select x.value->>'entry', x.value->>'table', x.value->>'op', (x.value->>'row_id')::uuid,
                   left(x.value->>'made_by', 200), coalesce(x.value->>'outcome', 'replayed'), versions[x.n]
              from jsonb_array_elements(entries) with ordinality x(value, n);
            return coalesce((select jsonb_agg(jsonb_build_object('entry', x.value->>'entry', 'outcome', 'applied',
                                                                 'version', versions[x.n]) order by x.n)
                               from jsonb_array_elements(entries) with ordinality x(value, n)), '[]'::jsonb);
        exception
            when others or query_canceled then
                null; -- all of the attempt rolled back: entry by entry below
        end;
    end if;
    for e in select x.value from jsonb_array_elements(entries) with ordinality x(value, n) order by x.n loop
        if cardinality(blocked) > 0
           and (((e->>'table') || ':' || (e->>'row_id')) = any(blocked)
                or exists (select 1 from jsonb_array_elements_text(coalesce(e->'waits_for', '[]'::jsonb)) w(k)
                           where w.k = any(blocked))) then
            o := jsonb_build_object('entry', e->>'entry', 'outcome', 'waiting');
        else
            o := shoptwin.apply_journal_entry(e);
        end if;
        if o->>'outcome' not in ('applied', 'already') then
            blocked := blocked || ((e->>'table') || ':' || (e->>'row_id'));
        end if;
        done := array_append(done, o);
    end loop;
    return coalesce(to_jsonb(done), '[]'::jsonb);
end;
$$;
