-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- A payment's paid_at at millisecond precision, like every timestamp the copy holds.

create or replace function shoptwin.stamp_payment() returns trigger
    language plpgsql
as $$
begin
    new.paid_at := date_trunc('milliseconds', new.paid_at);
    return new;
end;
$$;
