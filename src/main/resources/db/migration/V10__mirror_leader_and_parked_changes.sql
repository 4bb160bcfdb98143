-- The mirror's own bookkeeping in PostgreSQL (issue 3).

-- Who holds the mirror's advisory lock, so that standbys can say who leads. One row at most;
-- the lock itself (pg_try_advisory_lock on the leader's session) is the truth, this is the label.
create table shoptwin.mirror_leader (
    singleton    boolean primary key default true check (singleton),
    instance_id  uuid        not null,
    host         text        not null,
    pid          bigint      not null,   -- the leader's operating-system process id
    backend_pid  integer     not null,   -- its PostgreSQL session, to tell a live leader from a stale row
    since        timestamptz not null
);

-- Changes that MongoDB rejected for a reason of that document alone (say a unique index):
-- moved out of the change log so they do not block the rest, kept whole so nothing is lost,
-- and moved back with their original id (the per-row ordering guard still holds) on retry.
create table shoptwin.parked_change (
    id          bigint primary key,       -- the original change-log id
    table_name  text        not null,
    op          text        not null,
    row_id      uuid        not null,
    row_data    jsonb       not null,
    changed_at  timestamptz not null,
    parked_at   timestamptz not null default now(),
    attempts    integer     not null default 1,
    error       text        not null,     -- masked
    retried_at  timestamptz               -- set when moved back to the change log; null = waiting
);
create index parked_change_waiting_idx on shoptwin.parked_change (id) where retried_at is null;
