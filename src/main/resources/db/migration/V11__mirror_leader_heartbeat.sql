-- The leader also publishes what it is doing, so that `shoptwin status` and standby consoles can
-- show the mirror's state without being the mirror.
alter table shoptwin.mirror_leader
    add column state           text,
    add column heartbeat_at    timestamptz,
    add column last_success_at timestamptz,
    add column last_error      text;
