-- Parking and retrying move rows between the change log and shoptwin.parked_change. The change
-- log takes no INSERT from the application role (capture alone writes it, as SECURITY DEFINER), so
-- these two moves are SECURITY DEFINER functions as well: they only ever move existing rows.

create function shoptwin.park_change(change_id bigint, reason text) returns boolean
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    found_it boolean;
begin
    insert into shoptwin.parked_change (id, table_name, op, row_id, row_data, changed_at, error)
    select id, table_name, op, row_id, row_data, changed_at, left(reason, 2000)
    from shoptwin.change_log where id = change_id
    on conflict (id) do update set attempts = shoptwin.parked_change.attempts + 1,
        error = excluded.error, parked_at = now(), retried_at = null;
    found_it := found;
    delete from shoptwin.change_log where id = change_id;
    return found_it;
end;
$$;

-- ids null: every waiting parked change. Returns how many went back to the change log.
create function shoptwin.retry_parked_changes(ids bigint[]) returns integer
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    moved integer;
begin
    insert into shoptwin.change_log (id, table_name, op, row_id, row_data, changed_at) overriding system value
    select id, table_name, op, row_id, row_data, changed_at from shoptwin.parked_change
    where retried_at is null and (ids is null or id = any(ids))
    on conflict (id) do nothing;
    update shoptwin.parked_change set retried_at = now()
    where retried_at is null and (ids is null or id = any(ids));
    get diagnostics moved = row_count;
    perform pg_notify('shoptwin_change', '');
    return moved;
end;
$$;
