-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- (V40 created it, with shoptwin.customer_totals and its triggers, in one transaction.)
-- Counts and sums move by the payment's own amount; the last payment date is recomputed from the
-- customer's payments (index payments_customer_paid_at_idx) only when the change can lower it. The
-- totals row is locked first, so that the recomputation, a statement of its own, sees every payment
-- committed by a writer that held the lock before us.
create or replace function shoptwin.customer_totals_follow_payment() returns trigger
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
