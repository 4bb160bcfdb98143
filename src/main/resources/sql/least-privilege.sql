-- ShopTwin: a least-privilege role for the console and the mirror.
--
-- Run it as the owner of the schema (Supabase: the `postgres` role, e.g. in the SQL editor),
-- AFTER `shoptwin migrate` has run as that owner. It is idempotent: run it again after every
-- upgrade that adds migrations (new tables in schema shoptwin get their grants here, and the
-- default privileges below cover tables the owner creates later).
--
-- What shoptwin_app may do: read and write the three shop tables, read the change log and the parked
-- changes, read and write the mirror's own bookkeeping tables, call the functions, use the sequences.
-- What it may not do: own anything, create anything, TRUNCATE, ALTER, DROP, write the migration
-- history, turn off the capture triggers, or write the change log, the parked changes, the database's
-- generation or the mirror's intents (only ShopTwin's SECURITY DEFINER functions change those).
--
-- Set the password afterwards, outside this file (it must never be committed):
--     alter role shoptwin_app password '<a long random password>';

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'shoptwin_app') then
        -- the defaults are what we want: no superuser, createdb, createrole, replication, bypassrls
        -- (and a non-superuser such as Supabase's postgres may not even name those options)
        create role shoptwin_app login noinherit;
    end if;
end
$$;

-- Nothing created in these schemas by this role, whatever PUBLIC was given before PostgreSQL 15.
revoke create on schema public from shoptwin_app;
revoke create on schema shoptwin from shoptwin_app;
grant usage on schema public, shoptwin to shoptwin_app;

-- ---------------------------------------------------------------- the shop tables
revoke all on public.customers, public.payments, public.shop from shoptwin_app;
grant select, insert, update, delete on public.customers, public.payments, public.shop to shoptwin_app;

-- Row level security is on for every table ShopTwin creates (migration V38): a role that is not the
-- owner sees no rows without a policy. These policies let shoptwin_app see and change every row of the
-- shop tables and of ShopTwin's own tables (which its grants below still limit, e.g. to reading).
do $$
declare
    t record;
begin
    for t in select schemaname, tablename from pg_tables
             where (schemaname = 'public' and tablename in ('customers', 'payments', 'shop'))
                or (schemaname = 'shoptwin' and tablename <> 'flyway_schema_history') loop
        if not exists (select 1 from pg_policies
                       where schemaname = t.schemaname and tablename = t.tablename and policyname = 'shoptwin_app_all') then
            execute format('create policy shoptwin_app_all on %I.%I for all to shoptwin_app using (true) with check (true)',
                           t.schemaname, t.tablename);
        end if;
    end loop;
end
$$;

-- ---------------------------------------------------------------- ShopTwin's own schema
-- Every other bookkeeping table the mirror keeps (its leader row, ...): read and write.
do $$
declare
    t record;
begin
    for t in select tablename from pg_tables
             where schemaname = 'shoptwin'
               and tablename not in ('change_log', 'parked_change', 'generation', 'mirror_intent', 'copy_writer', 'flyway_schema_history',
                                     'customer_totals') loop
        execute format('revoke all on shoptwin.%I from shoptwin_app', t.tablename);
        execute format('grant select, insert, update, delete on shoptwin.%I to shoptwin_app', t.tablename);
    end loop;
end
$$;

-- The change log and the parked changes: read only. Nothing the role does can forge or rewrite a change:
-- capture writes the log as its owner (the SECURITY DEFINER trigger), and the mirror parks, retries and
-- acknowledges through SECURITY DEFINER functions (park_change, retry_parked_changes, acknowledge_changes:
-- the last only for the session holding the mirror's leader lock). Granting insert here would let the
-- role insert a forged DELETE with a huge id (overriding system value), whose tombstone in the copy
-- would block that row for good; update would let it rewrite a pending row image.
-- The database's generation, the mirror's intents and the copy's writer (V42): read only;
-- begin_copy_write, end_copy_write and adopt_copy_generation write them.
do $$
declare
    t text;
begin
    foreach t in array array['change_log', 'parked_change', 'generation', 'mirror_intent', 'copy_writer'] loop
        if exists (select 1 from pg_tables where schemaname = 'shoptwin' and tablename = t) then
            execute format('revoke all on shoptwin.%I from shoptwin_app', t);
            execute format('grant select on shoptwin.%I to shoptwin_app', t);
        end if;
    end loop;
end
$$;

-- Each customer's payment totals (the Total paid / Last paid sorts): read only. Triggers keep them, as
-- their owner (SECURITY DEFINER), so the application never writes them.
do $$
begin
    if exists (select 1 from pg_tables where schemaname = 'shoptwin' and tablename = 'customer_totals') then
        revoke all on shoptwin.customer_totals from shoptwin_app;
        grant select on shoptwin.customer_totals to shoptwin_app;
    end if;
end
$$;

-- The migration history: read only, so that `status` can say which version the schema is at.
do $$
begin
    if exists (select 1 from pg_tables where schemaname = 'shoptwin' and tablename = 'flyway_schema_history') then
        revoke all on shoptwin.flyway_schema_history from shoptwin_app;
        grant select on shoptwin.flyway_schema_history to shoptwin_app;
    end if;
end
$$;

grant usage, select on all sequences in schema public, shoptwin to shoptwin_app;
grant execute on all functions in schema shoptwin to shoptwin_app;

-- Tables, sequences and functions the owner creates later (new migrations) get the same rights.
alter default privileges in schema shoptwin grant select, insert, update, delete on tables to shoptwin_app;
alter default privileges in schema shoptwin grant usage, select on sequences to shoptwin_app;
alter default privileges in schema shoptwin grant execute on functions to shoptwin_app;
