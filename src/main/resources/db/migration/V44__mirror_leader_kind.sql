-- Which kind of process leads the mirror (issue 17, item 5): a console on a desktop, or the headless mirror
-- service (`shoptwin mirror`), so that every console can say who keeps the copy ("mirror service on
-- shop-server, since 08:02"). Null for a row written by a ShopTwin older than this column.
alter table shoptwin.mirror_leader
    add column kind text check (kind in ('console', 'service'));
