-- The leader also publishes which table's documents it is bringing up to date after the table's columns
-- changed in Supabase (a column added, dropped, renamed or retyped), and how far it is, so that
-- `shoptwin status` and the standby consoles can say so: "the customers table changed in Supabase:
-- updating the copy (1,200 / 3,000)". All null when no table is being updated.
alter table shoptwin.mirror_leader
    add column copy_update_table text,
    add column copy_update_done  bigint,
    add column copy_update_total bigint;
