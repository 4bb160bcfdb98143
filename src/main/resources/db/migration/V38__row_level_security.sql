-- Row level security on every table ShopTwin creates (issue 14).
--
-- Supabase grants every table created in public to its Data API roles anon and authenticated, and the
-- anon key ships in every web app: with RLS off, anyone holding it could read every customer's name,
-- phone and address, and every payment, through the REST API. With RLS on and no policy for those roles
-- they read no row and write none. Not affected: the tables' owner (RLS does not apply to the owner),
-- service_role (bypassrls) and shoptwin_app (its own policies, sql/least-privilege.sql). An owner who
-- wants the web app to read a table adds a policy for it: README, "Row level security".
alter table public.customers enable row level security;
alter table public.payments enable row level security;
alter table public.shop enable row level security;

-- ShopTwin's own tables too. (Not Flyway's history: Flyway writes it in this very migration, it holds
-- nothing of the shop's, and the schema itself is closed below.)
alter table shoptwin.change_log enable row level security;
alter table shoptwin.mirror_leader enable row level security;
alter table shoptwin.parked_change enable row level security;

-- ShopTwin's schema is not the Data API's business at all: no usage, so nothing in it can even be named.
revoke all on schema shoptwin from public;
do $$
declare
    r text;
begin
    foreach r in array array['anon', 'authenticated'] loop
        if exists (select from pg_roles where rolname = r) then
            execute format('revoke all on schema shoptwin from %I', r);
            execute format('revoke all on all tables in schema shoptwin from %I', r);
            execute format('revoke all on all sequences in schema shoptwin from %I', r);
            execute format('revoke all on all functions in schema shoptwin from %I', r);
        end if;
    end loop;
end
$$;

-- An installation that already runs as shoptwin_app keeps working through this upgrade: the role gets
-- the policies on ShopTwin's own tables that sql/least-privilege.sql gives it (the shop tables have had
-- theirs since that script first ran).
do $$
declare
    t text;
begin
    if exists (select from pg_roles where rolname = 'shoptwin_app') then
        foreach t in array array['change_log', 'mirror_leader', 'parked_change'] loop
            if not exists (select from pg_policies
                           where schemaname = 'shoptwin' and tablename = t and policyname = 'shoptwin_app_all') then
                execute format('create policy shoptwin_app_all on shoptwin.%I for all to shoptwin_app using (true) with check (true)', t);
            end if;
        end loop;
    end if;
end
$$;
