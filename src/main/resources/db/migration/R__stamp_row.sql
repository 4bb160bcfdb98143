-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- Row stamping for every writer: timestamps at millisecond precision (BSON dates hold milliseconds and
-- the copy must be exact), created_at immutable, updated_at and version maintained here. A restore
-- (shoptwin.restoring = on, transaction-local) writes rows as they were.

create or replace function shoptwin.stamp_row() returns trigger
    language plpgsql
as $$
begin
    if coalesce(current_setting('shoptwin.restoring', true), '') = 'on' then
        new.created_at := date_trunc('milliseconds', new.created_at);
        new.updated_at := date_trunc('milliseconds', new.updated_at);
        return new;
    end if;
    if tg_op = 'INSERT' then
        new.version := 1;
        new.created_at := date_trunc('milliseconds', coalesce(new.created_at, now()));
        new.updated_at := date_trunc('milliseconds', coalesce(new.updated_at, new.created_at));
    else
        new.version := old.version + 1;
        new.created_at := old.created_at;
        new.updated_at := greatest(date_trunc('milliseconds', clock_timestamp()), old.updated_at);
    end if;
    return new;
end;
$$;
