-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- (V40 created it, with shoptwin.customer_totals and its triggers, in one transaction.)
create or replace function shoptwin.customer_totals_add_customer() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    insert into shoptwin.customer_totals (customer_id) values (new.id) on conflict (customer_id) do nothing;
    return null;
end;
$$;
