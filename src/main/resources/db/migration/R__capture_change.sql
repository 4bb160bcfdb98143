-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- Change capture: every insert, update and delete on the shop tables, by any writer, into
-- shoptwin.change_log in the writer's own transaction (the triggers are created in V1). SECURITY DEFINER
-- so that a least-privilege role needs no rights on the log. Writers NOTIFY the mirror only while it
-- waits for them (mirror_leader.wake_by_notify, V13).
-- The row image's text depends on the writer's session settings (to_jsonb renders timestamptz in TimeZone,
-- interval in IntervalStyle, floats with extra_float_digits, bytea with bytea_output): they are pinned here,
-- for this function only (they revert when it returns), so that every writer's rows are captured alike.
-- Resync, verify and restore pin the same on their own transactions (shoptwin.store.copy.RowImages: keep
-- the two lists equal).

create or replace function shoptwin.capture_change() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
    set TimeZone = 'UTC'
    set IntervalStyle = 'iso_8601'
    set DateStyle = 'ISO, YMD'
    set extra_float_digits = 1
    set bytea_output = 'hex'
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
