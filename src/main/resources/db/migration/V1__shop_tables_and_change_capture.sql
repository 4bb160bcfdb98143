-- ShopTwin schema, version 1.
-- Shop tables live in public (the names the old web app used); everything ShopTwin owns beyond
-- them lives in the shoptwin schema. Runs as Supabase's postgres role: nothing needs a superuser
-- (pg_trgm is a trusted extension).

create schema if not exists shoptwin;
create extension if not exists pg_trgm;

-- ---------------------------------------------------------------- shop tables
create table public.customers (
    id          uuid primary key default gen_random_uuid(),
    name        text not null check (char_length(btrim(name)) between 1 and 200),
    phone       text check (char_length(phone) <= 32),
    email       text check (char_length(email) <= 254),
    address     text check (char_length(address) <= 500),
    notes       text check (char_length(notes) <= 2000),
    -- lower(name), so that both databases can sort by name the same way (see CustomerSort)
    name_sort   text generated always as (lower(name)) stored,
    version     bigint not null default 1,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table public.payments (
    id           uuid primary key default gen_random_uuid(),
    customer_id  uuid not null references public.customers (id) on delete cascade,
    amount       numeric(12, 2) not null check (amount > 0),
    method       text not null check (method in ('cash', 'card', 'upi', 'bank_transfer', 'other')),
    reference    text check (char_length(reference) <= 100),
    note         text check (char_length(note) <= 500),
    paid_at      timestamptz not null default now(),
    version      bigint not null default 1,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

create table public.shop (
    id              uuid primary key default gen_random_uuid(),
    name            text not null check (char_length(btrim(name)) between 1 and 200),
    owner_name      text check (char_length(owner_name) <= 200),
    phone           text check (char_length(phone) <= 32),
    email           text check (char_length(email) <= 254),
    address         text check (char_length(address) <= 500),
    currency        text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
    timezone        text not null default 'UTC' check (char_length(timezone) between 1 and 64),
    tax_id          text check (char_length(tax_id) <= 50),
    receipt_footer  text check (char_length(receipt_footer) <= 500),
    version         bigint not null default 1,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
-- the shop has exactly one row
create unique index shop_one_row on public.shop ((true));

-- ---------------------------------------------------------------- indexes for the console
create index customers_name_sort_idx on public.customers (name_sort collate "C", id);
create index customers_name_trgm_idx on public.customers using gin (name gin_trgm_ops);
create index customers_phone_trgm_idx on public.customers using gin (phone gin_trgm_ops);
create index customers_email_trgm_idx on public.customers using gin (email gin_trgm_ops);
create index customers_created_at_idx on public.customers (created_at, id);
create index customers_updated_at_idx on public.customers (updated_at, id);
create index payments_customer_paid_at_idx on public.payments (customer_id, paid_at desc);

-- ---------------------------------------------------------------- row stamping
-- Every writer gets the same bookkeeping: timestamps at millisecond precision (BSON dates hold
-- milliseconds and the copy must be exact), created_at immutable, updated_at and version
-- maintained here. A restore (shoptwin.restoring = on, transaction-local) writes rows as they were.
create function shoptwin.stamp_row() returns trigger
    language plpgsql
as $$
begin
    if coalesce(current_setting('shoptwin.restoring', true), '') = 'on' then
        new.created_at := date_trunc('milliseconds', new.created_at);
        new.updated_at := date_trunc('milliseconds', new.updated_at);
        return new;
    end if;
    if tg_op = 'INSERT' then
        new.version := 1;
        new.created_at := date_trunc('milliseconds', coalesce(new.created_at, now()));
        new.updated_at := date_trunc('milliseconds', coalesce(new.updated_at, new.created_at));
    else
        new.version := old.version + 1;
        new.created_at := old.created_at;
        new.updated_at := greatest(date_trunc('milliseconds', clock_timestamp()), old.updated_at);
    end if;
    return new;
end;
$$;

create function shoptwin.stamp_payment() returns trigger
    language plpgsql
as $$
begin
    new.paid_at := date_trunc('milliseconds', new.paid_at);
    return new;
end;
$$;

create trigger customers_stamp before insert or update on public.customers
    for each row execute function shoptwin.stamp_row();
create trigger payments_stamp before insert or update on public.payments
    for each row execute function shoptwin.stamp_row();
create trigger payments_stamp_paid_at before insert or update on public.payments
    for each row execute function shoptwin.stamp_payment();
create trigger shop_stamp before insert or update on public.shop
    for each row execute function shoptwin.stamp_row();

-- ---------------------------------------------------------------- change capture
-- Every insert, update and delete, by any writer, lands here in the writer's own transaction:
-- it commits or rolls back with the change. The mirror deletes rows only after MongoDB acknowledged.
-- id is taken when the row is written; for one row, row locks serialise writers, so ids follow
-- commit order per row (not globally: never skip an id because a larger one was seen).
create table shoptwin.change_log (
    id          bigint generated always as identity primary key,
    table_name  text not null check (table_name in ('customers', 'payments', 'shop')),
    op          text not null check (op in ('INSERT', 'UPDATE', 'DELETE')),
    row_id      uuid not null,
    row_data    jsonb not null,          -- the full new row; {"id": ...} for a delete
    changed_at  timestamptz not null default clock_timestamp()
);
create index change_log_changed_at_idx on shoptwin.change_log (changed_at);

-- SECURITY DEFINER so that a least-privilege application role needs no rights on the log itself.
create function shoptwin.capture_change() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'DELETE' then
        insert into shoptwin.change_log (table_name, op, row_id, row_data)
        values (tg_table_name, 'DELETE', old.id, jsonb_build_object('id', old.id));
    else
        if tg_op = 'UPDATE' and new.id is distinct from old.id then
            -- a key change is a delete of the old row and an insert of the new one
            insert into shoptwin.change_log (table_name, op, row_id, row_data)
            values (tg_table_name, 'DELETE', old.id, jsonb_build_object('id', old.id));
        end if;
        insert into shoptwin.change_log (table_name, op, row_id, row_data)
        values (tg_table_name, tg_op, new.id, to_jsonb(new));
    end if;
    -- identical payloads are folded into one notification per transaction
    perform pg_notify('shoptwin_change', '');
    return null;
end;
$$;

create trigger customers_capture after insert or update or delete on public.customers
    for each row execute function shoptwin.capture_change();
create trigger payments_capture after insert or update or delete on public.payments
    for each row execute function shoptwin.capture_change();
create trigger shop_capture after insert or update or delete on public.shop
    for each row execute function shoptwin.capture_change();

-- TRUNCATE removes rows without row triggers, so the copy could not follow it: refuse it.
create function shoptwin.refuse_truncate() returns trigger
    language plpgsql
as $$
begin
    raise exception 'ShopTwin mirrors % to MongoDB row by row: use DELETE FROM % instead of TRUNCATE',
        tg_table_name, tg_table_name
        using errcode = 'feature_not_supported';
end;
$$;

create trigger customers_no_truncate before truncate on public.customers
    for each statement execute function shoptwin.refuse_truncate();
create trigger payments_no_truncate before truncate on public.payments
    for each statement execute function shoptwin.refuse_truncate();
create trigger shop_no_truncate before truncate on public.shop
    for each statement execute function shoptwin.refuse_truncate();
