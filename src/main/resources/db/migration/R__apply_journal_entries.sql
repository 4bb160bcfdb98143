-- Repeatable migration: the one home of this procedure's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change it here, never in a new V file.
-- Outage-journal entries into PostgreSQL in one round trip, each in a transaction of its own
-- (shoptwin.apply_journal_entry, then COMMIT): a replay of 10,000 entries must not wait 10,000 network
-- round trips, and an entry's write never depends on the next one's. Entries run in the array's order;
-- once an entry of a row did not apply, that row's later entries (and entries that wait for it,
-- "waits_for": ["customers:<uuid>", ...]) are "waiting": the replay decides them again in order.
-- Call it outside a transaction block (autocommit): a procedure that commits cannot run inside one.
-- It has no SET clause on purpose (a procedure with one cannot commit): every name is qualified.
create or replace procedure shoptwin.apply_journal_entries(entries jsonb, inout outcomes jsonb default null)
    language plpgsql
as $$
declare
    e        jsonb;
    o        jsonb;
    blocked  text[] := '{}';
    done     jsonb := '[]'::jsonb;
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
$$;
