-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- Parking moves a change MongoDB rejected from the change log to shoptwin.parked_change. The change log
-- takes no INSERT from the application role (capture alone writes it, as SECURITY DEFINER), so moving
-- rows between the two is SECURITY DEFINER as well: it only ever moves existing rows, whole (who made the change,
-- its transaction and a deleted row's image too, V45: its history is recorded when it is finally applied).

create or replace function shoptwin.park_change(change_id bigint, reason text) returns boolean
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    found_it boolean;
begin
    insert into shoptwin.parked_change (id, table_name, op, row_id, row_data, changed_at, actor, xact, before, error)
    select id, table_name, op, row_id, row_data, changed_at, actor, xact, before, left(reason, 2000)
    from shoptwin.change_log where id = change_id
    on conflict (id) do update set attempts = shoptwin.parked_change.attempts + 1,
        error = excluded.error, parked_at = now(), retried_at = null;
    found_it := found;
    delete from shoptwin.change_log where id = change_id;
    return found_it;
end;
$$;
