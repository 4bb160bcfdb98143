-- Sorting the customer list by total paid and by last payment (CustomerSort.TOTAL_PAID, LAST_PAID).
-- Computing every customer's sum over the payments for each page costs a scan of all payments (about
-- half a second at 1,000,000 payments); this table keeps the figures per customer, maintained by
-- triggers in the writer's own transaction (any writer: the console, SQL, an import), so that a page
-- comes straight from an index. Derived data, ShopTwin's own: it lives in the shoptwin schema, is not
-- mirrored (the MongoDB backup computes the same order from its payments), and can be rebuilt at any
-- time with shoptwin.rebuild_customer_totals().
create table shoptwin.customer_totals (
    customer_id    uuid primary key references public.customers (id) on delete cascade,
    total_paid     numeric(16, 2) not null default 0,
    payment_count  bigint not null default 0,
    last_paid_at   timestamptz
);
-- ascending puts customers without payments first (MongoDB's order for a missing value); a backward
-- scan gives descending with them last. Ties go by id.
create index customer_totals_total_paid_idx on shoptwin.customer_totals (total_paid, customer_id);
create index customer_totals_last_paid_idx on shoptwin.customer_totals (last_paid_at nulls first, customer_id);
-- closed like every table ShopTwin creates (V38): the owner's triggers keep it, shoptwin_app reads it
alter table shoptwin.customer_totals enable row level security;
do $$
begin
    if exists (select from pg_roles where rolname = 'shoptwin_app') then
        create policy shoptwin_app_all on shoptwin.customer_totals for all to shoptwin_app using (true) with check (true);
    end if;
end
$$;

-- The three functions are created here, with the table and its triggers, so that no write can slip
-- between the first fill and the triggers; their current definitions live in their R__ files.
create function shoptwin.customer_totals_add_customer() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    insert into shoptwin.customer_totals (customer_id) values (new.id) on conflict (customer_id) do nothing;
    return null;
end;
$$;

-- Counts and sums move by the payment's own amount; the last payment date is recomputed from the
-- customer's payments (index payments_customer_paid_at_idx) only when the change can lower it. The
-- totals row is locked first, so that the recomputation, a statement of its own, sees every payment
-- committed by a writer that held the lock before us.
create function shoptwin.customer_totals_follow_payment() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform 1 from shoptwin.customer_totals where customer_id = old.customer_id for update;
        update shoptwin.customer_totals
           set total_paid = total_paid - old.amount, payment_count = payment_count - 1
         where customer_id = old.customer_id;
        if tg_op = 'DELETE' or new.customer_id is distinct from old.customer_id or new.paid_at < old.paid_at then
            update shoptwin.customer_totals
               set last_paid_at = (select max(p.paid_at) from public.payments p where p.customer_id = old.customer_id)
             where customer_id = old.customer_id;
        end if;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into shoptwin.customer_totals (customer_id) values (new.customer_id) on conflict (customer_id) do nothing;
        update shoptwin.customer_totals
           set total_paid = total_paid + new.amount, payment_count = payment_count + 1,
               last_paid_at = greatest(last_paid_at, new.paid_at)
         where customer_id = new.customer_id;
    end if;
    return null;
end;
$$;

create trigger customers_totals after insert on public.customers
    for each row execute function shoptwin.customer_totals_add_customer();
create trigger payments_totals after insert or update of customer_id, amount, paid_at or delete on public.payments
    for each row execute function shoptwin.customer_totals_follow_payment();

-- Rebuilds every row from the payments: after loading data with the triggers off
-- (session_replication_role = replica, as pg_restore --disable-triggers does). Returns the customers.
create function shoptwin.rebuild_customer_totals() returns bigint
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

select shoptwin.rebuild_customer_totals();
analyze shoptwin.customer_totals;
