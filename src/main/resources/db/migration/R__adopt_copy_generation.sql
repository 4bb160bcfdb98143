-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- A restore makes this database the one the copy mirrors: its generation becomes the copy's marker's,
-- and the marker's intent is recorded here, so that the mirror goes on without a rebase. Runs in the
-- restore's own transaction (it commits or rolls back with the restored rows). SECURITY DEFINER: the
-- application role may read the generation and the intents, not write them.
create or replace function shoptwin.adopt_copy_generation(copy_generation uuid, copy_intent_n bigint, copy_intent_token uuid)
    returns void
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    insert into shoptwin.generation (id) values (copy_generation)
        on conflict (singleton) do update set id = excluded.id, created_at = now();
    if copy_intent_n is not null then
        insert into shoptwin.mirror_intent (n, token) values (copy_intent_n, copy_intent_token)
            on conflict (n) do update set token = excluded.token, at = now();
    end if;
end;
$$;
