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
--
-- Who wrote (V45, docs/history.md "Who"): the staff name the console sets on each of its write
-- transactions (set_config('shoptwin.staff', ..., true) with .staff_host and .staff_via), the role that
-- wrote, application_name, and for writes through Supabase's Data API the JWT's sub, role and email.
-- Inside a SECURITY DEFINER function current_user is the function's owner, so the writing role is
-- read from the role setting (SET ROLE, as PostgREST does for each request), else session_user.
-- The claims are picked out with regular expressions, not cast to jsonb: a malformed value must not
-- make the shop's write fail, and an exception block would cost a subtransaction per row.

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
declare
    claims text := coalesce(current_setting('request.jwt.claims', true), '');
    set_role text := current_setting('role');
    who jsonb;
    tx bigint := pg_current_xact_id()::text::bigint;
begin
    who := jsonb_strip_nulls(jsonb_build_object(
        'staff', nullif(current_setting('shoptwin.staff', true), ''),
        'host', nullif(current_setting('shoptwin.staff_host', true), ''),
        'via', nullif(current_setting('shoptwin.staff_via', true), ''),
        'user', case when set_role is null or set_role = 'none' then session_user::text else set_role end,
        'app', nullif(current_setting('application_name', true), ''),
        'sub', coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                        substring(claims from '"sub"\s*:\s*"([^"]{1,255})"')),
        'role', coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                         substring(claims from '"role"\s*:\s*"([^"]{1,255})"')),
        'email', substring(claims from '"email"\s*:\s*"([^"]{1,255})"')));
    if tg_op = 'DELETE' then
        insert into shoptwin.change_log (table_name, op, row_id, row_data, actor, xact, before)
        values (tg_table_name, 'DELETE', old.id, jsonb_build_object('id', old.id), who, tx, to_jsonb(old));
    else
        if tg_op = 'UPDATE' and new.id is distinct from old.id then
            -- a key change is a delete of the old row and an insert of the new one
            insert into shoptwin.change_log (table_name, op, row_id, row_data, actor, xact, before)
            values (tg_table_name, 'DELETE', old.id, jsonb_build_object('id', old.id), who, tx, to_jsonb(old));
        end if;
        insert into shoptwin.change_log (table_name, op, row_id, row_data, actor, xact)
        values (tg_table_name, tg_op, new.id, to_jsonb(new), who, tx);
    end if;
    -- identical payloads are folded into one notification per transaction
    if not exists (select 1 from shoptwin.mirror_leader m where not m.wake_by_notify) then
        perform pg_notify('shoptwin_change', '');
    end if;
    return null;
end;
$$;
