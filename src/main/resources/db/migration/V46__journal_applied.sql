-- The outage journal (issue 15): changes made on the MongoDB backup while Supabase was away are replayed
-- into PostgreSQL when it answers again. Each replayed entry records its id here in the same transaction
-- as its write (shoptwin.apply_journal_entry), so that replaying an entry twice applies it once, even if
-- the console dies between PostgreSQL's commit and marking the entry applied in MongoDB.
create table shoptwin.journal_applied (
    entry_id         text primary key check (char_length(entry_id) between 1 and 100),
    table_name       text not null check (table_name in ('customers', 'payments')),
    op               text not null check (op in ('insert', 'update', 'delete')),
    row_id           uuid not null,
    -- the row's version after the write (null for a delete)
    applied_version  bigint,
    applied_at       timestamptz not null default clock_timestamp(),
    made_by          text check (char_length(made_by) <= 200),
    -- replayed: as it was made; kept_mine: a person chose their value over Supabase's;
    -- recreated_customer: the customer of a payment came back first
    outcome          text not null default 'replayed' check (outcome in ('replayed', 'kept_mine', 'recreated_customer'))
);
-- the idle leader forgets ids together with the journal's pruned entries (applied 30 days ago)
create index journal_applied_applied_at_idx on shoptwin.journal_applied (applied_at);

-- Closed to the Data API like every ShopTwin table (V38); shoptwin_app gets the policy
-- sql/least-privilege.sql gives every table of the schema, if that role exists already.
alter table shoptwin.journal_applied enable row level security;
do $$
declare
    r text;
begin
    foreach r in array array['anon', 'authenticated'] loop
        if exists (select from pg_roles where rolname = r) then
            execute format('revoke all on shoptwin.journal_applied from %I', r);
        end if;
    end loop;
    if exists (select from pg_roles where rolname = 'shoptwin_app') then
        grant select, insert, update, delete on shoptwin.journal_applied to shoptwin_app;
        if not exists (select from pg_policies
                       where schemaname = 'shoptwin' and tablename = 'journal_applied' and policyname = 'shoptwin_app_all') then
            create policy shoptwin_app_all on shoptwin.journal_applied for all to shoptwin_app using (true) with check (true);
        end if;
    end if;
end
$$;
