-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- Before a writer of the copy (a mirror batch, a resync chunk, a rebase) writes anything to MongoDB, in one
-- round trip:
--  * takes the mirror's write lock (a session advisory lock, key given by the caller);
--  * if the previous holder's session died while its writes could still run (copy_writer.writing_until is
--    ahead and was not cleared by end_copy_write, as read once that writer's transaction is over), waits until
--    then: its writes are over by then, since each of them carries what was left of that deadline as its
--    timeout; returns how long it waited;
--  * records this writer's own deadline (now + deadline_ms);
--  * moves the copy's epoch if asked (a resync chunk: the mirror forgets the versions it remembered, V14) and
--    reads it;
--  * reads this database's generation, whether the intent the writer last saw in the copy's marker is still
--    here (false: this database went back in time, or is another one), and, when asked and that intent is
--    here, commits a new intent (n + 1, a random token) for the writer to put in the marker before its
--    documents. Keeps the last keep_intents intents and every intent from known_intent_n on.
-- SECURITY DEFINER: the application role may read these tables, not write them.
create or replace function shoptwin.begin_copy_write(lock_key bigint, known_intent_n bigint, known_intent_token uuid,
                                                     new_intent boolean, move_epoch boolean, deadline_ms integer,
                                                     keep_intents integer)
    returns table (epoch bigint, generation uuid, known_intent_present boolean, intent_n bigint, intent_token uuid,
                   waited_ms integer)
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    next_n bigint;
    previous_until timestamptz;
    previous_pid integer;
begin
    perform pg_advisory_lock(lock_key);
    waited_ms := 0;
    -- for update: end_copy_write frees the advisory lock inside its statement, before its transaction commits the
    -- cleared deadline, so this writer can get here first; the row lock waits for that commit and then reads the
    -- row as committed, rather than taking a writer that ended for one that died and sleeping out its deadline
    select w.writing_until, w.backend_pid into previous_until, previous_pid from shoptwin.copy_writer w for update;
    if previous_until is not null and previous_until > clock_timestamp() and previous_pid is distinct from pg_backend_pid() then
        waited_ms := ceil(extract(epoch from previous_until - clock_timestamp()) * 1000)::integer;
        perform pg_sleep(extract(epoch from previous_until - clock_timestamp()));
    end if;
    insert into shoptwin.copy_writer default values on conflict do nothing;
    update shoptwin.copy_writer set backend_pid = pg_backend_pid(),
                                    writing_until = clock_timestamp() + make_interval(secs => deadline_ms / 1000.0);
    if move_epoch then
        perform nextval('shoptwin.copy_epoch');
    end if;
    epoch := (select case when s.is_called then s.last_value else 0 end from shoptwin.copy_epoch s);
    insert into shoptwin.generation default values on conflict do nothing;
    generation := (select g.id from shoptwin.generation g);
    known_intent_present := known_intent_n is null or exists (select 1 from shoptwin.mirror_intent i
                                                               where i.n = known_intent_n and i.token = known_intent_token);
    if new_intent and known_intent_present then
        next_n := coalesce((select max(i.n) from shoptwin.mirror_intent i), 0) + 1;
        insert into shoptwin.mirror_intent (n, token) values (next_n, gen_random_uuid())
            returning mirror_intent.n, mirror_intent.token into intent_n, intent_token;
        delete from shoptwin.mirror_intent i
         where i.n < next_n - keep_intents and (known_intent_n is null or i.n < known_intent_n);
    end if;
    return next;
end;
$$;
