-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change it here, never in a new V file.
-- Outage-journal entries into PostgreSQL in one round trip and one transaction (the caller's: it commits
-- once for the whole chunk). Committing per entry (this routine's first version, a procedure) cost ~5 ms an
-- entry on a durable server for the commit alone (docs/benchmarks.md, section 9).
-- Entries run in the array's order; once an entry of a row did not apply, that row's later entries (and
-- entries that wait for it, "waits_for": ["customers:<uuid>", ...]) are "waiting": the replay decides them
-- again in order. Returns [{"entry", "outcome", "version", "reason"}, ...] in the same order.
--
-- Two ways, the same outcome. First the whole chunk in one savepoint (one exception block): each entry's row
-- write (shoptwin.write_journal_row), then every entry's id in shoptwin.journal_applied in one insert. The
-- replay sends only entries it decided to write, so normally every one applies, and a savepoint per entry (a
-- subtransaction each) is cost for nothing. If anything of it fails (a row changed meanwhile, a value refused,
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
    e         jsonb;
    o         jsonb;
    blocked   text[] := '{}';
    done      jsonb[] := '{}';
    versions  bigint[] := '{}';
    who       text;
    staff     text;
begin
    if not exists (select 1 from shoptwin.journal_applied j
                    where j.entry_id in (select x->>'entry' from jsonb_array_elements(entries) x)) then
        begin
            perform set_config('shoptwin.staff_via', 'backup during an outage', true);
            for e in select x.value from jsonb_array_elements(entries) with ordinality x(value, n) order by x.n loop
                -- who made the change on the backup, as the capture trigger records writers (R__capture_change)
                who := coalesce(left(e->>'made_by', 200), '');
                if staff is distinct from who then
                    perform set_config('shoptwin.staff', who, true);
                    staff := who;
                end if;
                versions := array_append(versions, shoptwin.write_journal_row(e));
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
