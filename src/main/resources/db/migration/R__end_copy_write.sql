-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- A writer of the copy is done (its writes ended, or failed): clears its deadline in copy_writer, so that
-- the next writer does not wait for it, and releases the write lock that begin_copy_write took, in one
-- round trip. A writer whose session dies never gets here: its deadline stays, and the next writer waits
-- it out (R__begin_copy_write). SECURITY DEFINER: the application role may not write copy_writer itself.
create or replace function shoptwin.end_copy_write(lock_key bigint) returns boolean
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    update shoptwin.copy_writer set writing_until = null where backend_pid = pg_backend_pid();
    return pg_advisory_unlock(lock_key);
end;
$$;
