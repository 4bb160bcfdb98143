-- Which database, which history (issue 13).
--
-- A change-log id is comparable only within one history of one database: a restore into a new project
-- starts the ids again at 1, and a point-in-time restore (or a restore of a daily backup, or of an older
-- dump) rolls the ids and every ShopTwin table back, handing out again ids that the copy already carries.
-- So the copy records which database it mirrors and how far: PostgreSQL keeps a generation (a random id
-- made here, kept by a dump and a restore of this database, new in a new project) and the mirror's recent
-- intents; the copy keeps one marker document ({generation, intent_n, intent_token}, collection
-- shoptwin_generation). Before each batch writes anything, the mirror commits a new intent here and then
-- writes it into the marker; a database that lacks the marker's intent went back in time, and one with
-- another generation is a different database (docs/mirror.md, "Which database, which history").
create table shoptwin.generation (
    singleton   boolean primary key default true check (singleton),
    id          uuid        not null default gen_random_uuid(),
    created_at  timestamptz not null default now()
);
insert into shoptwin.generation default values;

-- n increases by one per intent; only the last ~1,000 are kept (and always the marker's).
create table shoptwin.mirror_intent (
    n      bigint primary key,
    token  uuid        not null,
    at     timestamptz not null default now()
);

-- Who holds the mirror's write lock (a mirror batch, a resync chunk), and until when its MongoDB writes may
-- run (its deadline). A writer that ends normally clears it as it releases the lock (end_copy_write); one
-- whose session died mid-write leaves it, and the next writer waits until then before it writes anything,
-- so that a writer that lost its session (its locks went with it) cannot write after the next one began.
create table shoptwin.copy_writer (
    singleton      boolean primary key default true check (singleton),
    backend_pid    integer,
    writing_until  timestamptz
);
insert into shoptwin.copy_writer default values;

-- Why the leader stopped copying, when it has (the divergence's kind: BEHIND, DIFFERENT_DATABASE,
-- REBASE_INTERRUPTED), for `shoptwin status` and the standby consoles.
alter table shoptwin.mirror_leader add column divergence text;

-- Closed like every table ShopTwin creates (V38).
alter table shoptwin.generation enable row level security;
alter table shoptwin.mirror_intent enable row level security;
alter table shoptwin.copy_writer enable row level security;
do $$
declare
    r text;
begin
    foreach r in array array['anon', 'authenticated'] loop
        if exists (select from pg_roles where rolname = r) then
            execute format('revoke all on shoptwin.generation, shoptwin.mirror_intent, shoptwin.copy_writer from %I', r);
        end if;
    end loop;
end
$$;

-- The least-privilege role (sql/least-privilege.sql) may no longer write the change log or the parked
-- changes (nor the generation, the intents and the copy's writer): a forged DELETE with a huge id would leave a tombstone that blocks its row for good, and a
-- rewritten row image would be mirrored as if a writer had made it. Capture, parking, retrying and
-- acknowledging go through SECURITY DEFINER functions (R__capture_change, R__park_change,
-- R__retry_parked_changes, R__acknowledge_changes). The generation and the intents are read only:
-- only R__begin_copy_write and R__adopt_copy_generation change them. For installations that already run
-- as shoptwin_app; the script itself says the same for new ones.
do $$
begin
    if exists (select from pg_roles where rolname = 'shoptwin_app') then
        revoke all on shoptwin.change_log, shoptwin.parked_change, shoptwin.generation, shoptwin.mirror_intent,
            shoptwin.copy_writer from shoptwin_app;
        grant select on shoptwin.change_log, shoptwin.parked_change, shoptwin.generation, shoptwin.mirror_intent,
            shoptwin.copy_writer to shoptwin_app;
        create policy shoptwin_app_all on shoptwin.generation for all to shoptwin_app using (true) with check (true);
        create policy shoptwin_app_all on shoptwin.mirror_intent for all to shoptwin_app using (true) with check (true);
        create policy shoptwin_app_all on shoptwin.copy_writer for all to shoptwin_app using (true) with check (true);
    end if;
end
$$;
