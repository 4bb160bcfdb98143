-- The mirror remembers the versions it wrote to the copy, so that it need not read them back before
-- every batch (issue 7). Anything else that writes the copy (a resync) takes the next value of this
-- sequence inside the same write-lock section, before it writes; the mirror reads it right after it
-- takes the write lock and forgets what it remembered when it moved.
create sequence shoptwin.copy_epoch;

-- Takes the mirror's write lock (a session advisory lock, key given by the caller), then returns the
-- copy's epoch: in this order, in one round trip.
create function shoptwin.lock_copy_for_write(lock_key bigint) returns bigint
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    perform pg_advisory_lock(lock_key);
    return (select case when s.is_called then s.last_value else 0 end from shoptwin.copy_epoch s);
end;
$$;
