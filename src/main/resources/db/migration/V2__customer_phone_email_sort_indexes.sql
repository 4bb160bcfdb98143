-- The customer list sorts by phone and email too (code-point order, missing values first when
-- ascending, like MongoDB). These indexes let a page of 100,000 customers come straight from the
-- index in both directions instead of sorting the table on every page.
create index customers_phone_sort_idx on public.customers (phone collate "C" nulls first, id);
create index customers_email_sort_idx on public.customers (email collate "C" nulls first, id);
