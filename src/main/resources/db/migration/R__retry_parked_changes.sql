-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- Moves parked changes back into the change log with their original ids (the per-row ordering guard
-- still holds). ids null: every waiting parked change. Returns how many went back.

create or replace function shoptwin.retry_parked_changes(ids bigint[]) returns integer
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    moved integer;
begin
    insert into shoptwin.change_log (id, table_name, op, row_id, row_data, changed_at, actor, xact, before) overriding system value
    select id, table_name, op, row_id, row_data, changed_at, actor, xact, before from shoptwin.parked_change
    where retried_at is null and (ids is null or id = any(ids))
    on conflict (id) do nothing;
    update shoptwin.parked_change set retried_at = now()
    where retried_at is null and (ids is null or id = any(ids));
    get diagnostics moved = row_count;
    perform pg_notify('shoptwin_change', '');
    return moved;
end;
$$;
