-- Daily takings (ShopStore.takings) read every payment in a date range, across customers.
create index payments_paid_at_idx on public.payments (paid_at);
