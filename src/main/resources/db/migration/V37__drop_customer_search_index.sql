-- V36's single trigram index over lower(name \x01 phone \x01 email) did not pay for itself: once the
-- per-column trigram indexes are vacuumed and the store steers the planner to them (enable_seqscan off
-- for 3+ character searches), counting matches with the three ILIKEs was faster at 100,000 customers
-- (8.5 ms against 13.6 ms for 'mar', docs/benchmarks.md), and the extra GIN index costs every customer
-- write. Dropped in a new migration, not by deleting V36, so that databases that applied V36 stay valid.
drop index if exists public.customers_search_trgm_idx;
