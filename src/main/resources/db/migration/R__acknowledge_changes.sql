-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- Removes the changes MongoDB acknowledged (and their parked copies, if they came back from a retry).
-- SECURITY DEFINER, because the application role may not delete change-log rows itself (V42), and only
-- for the session that holds the mirror's leader lock (MirrorLocks.LEADER_KEY, 0x53484F505457494E:
-- classid and objid are its high and low 32 bits): deleting a change that was not mirrored loses it.
-- Returns how many change-log rows went.
create or replace function shoptwin.acknowledge_changes(ids bigint[]) returns integer
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    removed integer;
begin
    if not exists (select 1 from pg_locks l
                    where l.locktype = 'advisory' and l.pid = pg_backend_pid() and l.granted
                      and l.classid = 1397247824 and l.objid = 1415006542 and l.objsubid = 1) then
        raise exception 'only the mirror that leads (holding its lock on this session) may acknowledge changes'
            using errcode = 'insufficient_privilege';
    end if;
    delete from shoptwin.parked_change where id = any(ids);
    delete from shoptwin.change_log where id = any(ids);
    get diagnostics removed = row_count;
    return removed;
end;
$$;
