-- Writers wake the mirror with NOTIFY only while it waits for them (issue 7).
--
-- A transaction that issued NOTIFY takes one database-wide lock while it commits, so notifying
-- writers commit one at a time: with 16 concurrent writers that halved the primary's write rate
-- (docs/benchmarks.md, section 1b). While changes keep coming, the leader polls the change log
-- every few milliseconds instead and sets wake_by_notify = false; before it goes back to waiting
-- it sets it to true again and reads the log once more. Default and fallback are true: with no
-- leader row, or a row left by a crashed leader that the next leader overwrites, writers notify.
-- A transaction that saw false and commits only after the leader went back to waiting is picked
-- up by the leader's poll fallback (1 s): later, never lost.
alter table shoptwin.mirror_leader
    add column wake_by_notify boolean not null default true;

create or replace function shoptwin.capture_change() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'DELETE' then
        insert into shoptwin.change_log (table_name, op, row_id, row_data)
        values (tg_table_name, 'DELETE', old.id, jsonb_build_object('id', old.id));
    else
        if tg_op = 'UPDATE' and new.id is distinct from old.id then
            -- a key change is a delete of the old row and an insert of the new one
            insert into shoptwin.change_log (table_name, op, row_id, row_data)
            values (tg_table_name, 'DELETE', old.id, jsonb_build_object('id', old.id));
        end if;
        insert into shoptwin.change_log (table_name, op, row_id, row_data)
        values (tg_table_name, tg_op, new.id, to_jsonb(new));
    end if;
    -- identical payloads are folded into one notification per transaction
    if not exists (select 1 from shoptwin.mirror_leader m where not m.wake_by_notify) then
        perform pg_notify('shoptwin_change', '');
    end if;
    return null;
end;
$$;
