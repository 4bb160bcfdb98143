-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- (V40 created it, with shoptwin.customer_totals and its triggers, in one transaction.)
-- Rebuilds every row from the payments: after loading data with the triggers off
-- (session_replication_role = replica, as pg_restore --disable-triggers does). Returns the customers.
create or replace function shoptwin.rebuild_customer_totals() returns bigint
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    n bigint;
begin
    lock table shoptwin.customer_totals in exclusive mode;
    delete from shoptwin.customer_totals;
    insert into shoptwin.customer_totals (customer_id, total_paid, payment_count, last_paid_at)
    select c.id, coalesce(t.total, 0), coalesce(t.n, 0), t.last
      from public.customers c
      left join (select customer_id, sum(amount) as total, count(*) as n, max(paid_at) as last
                   from public.payments group by customer_id) t on t.customer_id = c.id;
    get diagnostics n = row_count;
    return n;
end;
$$;
