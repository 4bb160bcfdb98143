-- Phone search by digits: "+917879085" must find "+91 78790 85...". The store matches the typed digits
-- against the phone's digits (every character but 0-9 removed); this trigram index serves that infix
-- match. The store's filter repeats the expression exactly. An expression index, not a generated column:
-- the MongoDB copy keeps exactly the table's columns (a new column would also leave every existing
-- document without it until a resync), and the backup matches the same digits with a regular expression.
create index customers_phone_digits_trgm_idx on public.customers using gin
    ((regexp_replace(phone, '[^0-9]', '', 'g')) gin_trgm_ops);

-- Importing customers skips rows whose phone (by digits) or e-mail (ignoring case) a customer already
-- has: equality lookups for a batch of rows at a time.
create index customers_phone_digits_idx on public.customers ((regexp_replace(phone, '[^0-9]', '', 'g')));
create index customers_email_lower_idx on public.customers ((lower(email)));
analyze public.customers;
