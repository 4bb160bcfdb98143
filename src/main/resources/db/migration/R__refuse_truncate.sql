-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- TRUNCATE removes rows without row triggers, so the copy could not follow it: refuse it.

create or replace function shoptwin.refuse_truncate() returns trigger
    language plpgsql
as $$
begin
    raise exception 'ShopTwin mirrors % to MongoDB row by row: use DELETE FROM % instead of TRUNCATE',
        tg_table_name, tg_table_name
        using errcode = 'feature_not_supported';
end;
$$;
