-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- Makes the next change-log id larger than at_least (never smaller than it would have been): a restore
-- or a resync calls it with the largest version the copy holds (documents, tombstones), so that the
-- changes that follow are newer than everything in the copy. Waits for the writers holding the change
-- log (share row exclusive), so that no id is handed out while the sequence moves; taken in a short
-- transaction of its own. SECURITY DEFINER: the application role may use the sequence, not set it.
-- Returns the last id handed out (or reserved) after the call.
create or replace function shoptwin.raise_change_log_position(at_least bigint) returns bigint
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    seq regclass := pg_get_serial_sequence('shoptwin.change_log', 'id')::regclass;
    current_last bigint;
begin
    lock table shoptwin.change_log in share row exclusive mode;
    current_last := coalesce(pg_sequence_last_value(seq), 0);
    if at_least > current_last then
        perform setval(seq, at_least, true);
        return at_least;
    end if;
    return current_last;
end;
$$;
