-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- One outage-journal entry into PostgreSQL (issue 15), as the replay decided it (mirror.journal.JournalReplay
-- compares the fields three ways first; this only writes). The write and the entry's id in
-- shoptwin.journal_applied commit together, so an entry already recorded is not written again ("already").
-- Its exception block is the entry's savepoint: when it conflicts or is refused, its id and writes roll back
-- and the caller's transaction (a chunk of entries, R__apply_journal_entries.sql) goes on with the next.
-- The write is compare-and-set on the row's version: if the row changed since the replay read it, nothing
-- is written ("changed") and the replay decides again. A value PostgreSQL refuses (a check, a type) is
-- "refused" with its reason; a lock or serialization failure is "changed" (tried again). Its writes are
-- ordinary writes: stamped, captured by the change log, mirrored.
--
-- e: {"entry": id, "table": "customers"|"payments", "op": "insert"|"update"|"delete", "row_id": uuid,
--     "row": {column: text|null, ...} (insert: the new row; update: the columns to set),
--     "version": the row's version now (update, delete), "keep_payments": [uuid, ...] (a customer's delete:
--     the payments the person saw; any other payment makes it "changed"), "made_by": text, "outcome": text}
create or replace function shoptwin.apply_journal_entry(e jsonb) returns jsonb
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
