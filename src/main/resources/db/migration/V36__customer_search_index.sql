-- Customer search (ShopStore.searchCustomers) matches name, phone or e-mail anywhere, ignoring case.
-- Three ILIKEs OR-ed together made PostgreSQL count the matches by scanning every customer
-- (120-250 ms at 100,000 customers, see docs/benchmarks.md). One trigram index over the three fields,
-- lower-cased and joined, lets the count come from the index (1-15 ms). The store's filter repeats this
-- expression exactly. \x01 joins the fields so that no typed text can match across two of them. An
-- expression index, not a column: the MongoDB copy keeps exactly the table's columns.
create index customers_search_trgm_idx on public.customers using gin
    ((lower(name || E'\x01' || coalesce(phone, '') || E'\x01' || coalesce(email, ''))) gin_trgm_ops);
-- finer statistics, so that the planner estimates infix patterns well enough to use the index for rare ones
alter index customers_search_trgm_idx alter column 1 set statistics 1000;
analyze public.customers;
