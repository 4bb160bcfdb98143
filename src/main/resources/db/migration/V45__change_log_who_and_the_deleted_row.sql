-- The backup remembers (issue 16): who made each change, which transaction it belonged to, and, for a
-- delete, the row as it was. The capture function (R__capture_change.sql) fills these columns; the mirror
-- copies them into the history (MongoDB collection shoptwin_history) with every version of every row.
--
-- actor: who wrote, as the capture trigger saw it: the staff name the console set for its transaction
--        (shoptwin.staff, .staff_host, .staff_via), the writing role, application_name, and the Data API's
--        JWT sub / role / email when present (request.jwt.claims). JSON, keys present only when known.
-- xact:  the writing transaction's id: a customer deleted with their payments (by cascade) is one
--        transaction, so the recycle bin can bring them back together.
-- before: the deleted row's image (DELETE only), so that a deleted row can be restored even when its
--        earlier versions have been pruned from the history.
alter table shoptwin.change_log
    add column actor  jsonb,
    add column xact   bigint,
    add column before jsonb;

-- a parked change keeps all of it, and gets it back with its original id on retry
alter table shoptwin.parked_change
    add column actor  jsonb,
    add column xact   bigint,
    add column before jsonb;
