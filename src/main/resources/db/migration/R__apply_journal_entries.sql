-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change it here, never in a new V file.
-- Outage-journal entries into PostgreSQL in one round trip and one transaction (the caller's: it commits
-- once for the whole chunk). Each entry runs shoptwin.apply_journal_entry, whose exception block is the
-- entry's savepoint: an entry that conflicts or is refused is rolled back to it, its id not recorded, and
-- the others still apply. Committing per entry (this routine's first version, a procedure) cost ~5 ms an
-- entry on a durable server for the commit alone (docs/benchmarks.md, section 9).
-- Entries run in the array's order; once an entry of a row did not apply, that row's later entries (and
-- entries that wait for it, "waits_for": ["customers:<uuid>", ...]) are "waiting": the replay decides them
-- again in order. Returns [{"entry", "outcome", "version", "reason"}, ...] in the same order.
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
            o := shoptwin.apply_journal_entry(e);
        end if;
        if o->>'outcome' not in ('applied', 'already') then
            blocked := blocked || ((e->>'table') || ':' || (e->>'row_id'));
        end if;
        done := array_append(done, o);
    end loop;
    return to_jsonb(done);
end;
$$;
