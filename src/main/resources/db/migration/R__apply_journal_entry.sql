-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- One outage-journal entry into PostgreSQL (issue 15), in a savepoint of its own: the row write
-- (shoptwin.write_journal_row, R__write_journal_row.sql) and the entry's id in shoptwin.journal_applied, inserted
-- once with the version the write left, commit together, so an entry already recorded is not written again
-- ("already"). This function's exception block is the entry's savepoint: when it conflicts or is refused, its id
-- and writes roll back and the caller's transaction (a chunk of entries, R__apply_journal_entries.sql) goes on
-- with the next. A row changed since the replay read it is "changed" (the replay decides again), so is a lock or
-- serialization failure, or the same entry recorded meanwhile by another replay (unique_violation); a value
-- PostgreSQL refuses (a check, a type) is "refused" with its reason.
-- e: as shoptwin.write_journal_row takes it.
create or replace function shoptwin.apply_journal_entry(e jsonb) returns jsonb
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    tbl      constant text := e->>'table';
    op       constant text := e->>'op';
    entry    constant text := e->>'entry';
    written  bigint;
begin
    if tbl is null or tbl not in ('customers', 'payments') or op is null or op not in ('insert', 'update', 'delete') then
        return jsonb_build_object('entry', entry, 'outcome', 'refused', 'reason', 'not a journal table or operation');
    end if;
    begin
        select j.applied_version into written from shoptwin.journal_applied j where j.entry_id = entry;
        if found then
            return jsonb_build_object('entry', entry, 'outcome', 'already', 'version', written);
        end if;
        -- who made the change on the backup, as the capture trigger records writers (R__capture_change, docs/history.md)
        perform set_config('shoptwin.staff', coalesce(left(e->>'made_by', 200), ''), true);
        perform set_config('shoptwin.staff_via', 'backup during an outage', true);
        written := shoptwin.write_journal_row(e);
        insert into shoptwin.journal_applied (entry_id, table_name, op, row_id, made_by, outcome, applied_version)
        values (entry, tbl, op, (e->>'row_id')::uuid, left(e->>'made_by', 200), coalesce(e->>'outcome', 'replayed'), written);
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
