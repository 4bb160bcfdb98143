-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- Takes the mirror's write lock (a session advisory lock, key given by the caller), then returns the
-- copy's epoch: in this order, in one round trip (V14).

create or replace function shoptwin.lock_copy_for_write(lock_key bigint) returns bigint
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    perform pg_advisory_lock(lock_key);
    return (select case when s.is_called then s.last_value else 0 end from shoptwin.copy_epoch s);
end;
$$;
