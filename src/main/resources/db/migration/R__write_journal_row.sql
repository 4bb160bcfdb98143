-- Repeatable migration: the one home of this function's current definition. Flyway runs it after the
-- versioned migrations whenever this file changes; change the function here, never in a new V file.
-- The row write of one outage-journal entry (issue 15), as the replay decided it (mirror.journal.JournalReplay
-- compares the fields three ways first; this only writes), with no savepoint and no recorded id of its own: its
-- callers record the entry's id in shoptwin.journal_applied in the same transaction and are the savepoint
-- (shoptwin.apply_journal_entry for one entry, shoptwin.apply_journal_entries for a whole chunk at once).
-- Returns the row's version after the write (null for a delete). The write is compare-and-set on the row's
-- version: if the row changed since the replay read it (or an inserted id exists), it raises SJ001; an entry
-- that is not of a journal table or operation raises SJ002. Its writes are ordinary writes: stamped, captured
-- by the change log, mirrored.
--
-- Static statements per table and operation (parsed once per session; an execute format(...) is parsed for
-- every entry): an insert that names exactly ShopTwin's columns (what the replay sends), an update of
-- ShopTwin's columns, every delete. The update's SET list names each of ShopTwin's columns and keeps the value
-- of each the entry does not name; for payments there are two, so that V40's payments_totals (UPDATE OF
-- customer_id, amount, paid_at) fires exactly when the entry names one of those. Anything else (a column added
-- in Studio, an insert that leaves a column to its default, a column trigger other than payments_totals) goes
-- by the dynamic statements, which name exactly the entry's columns.
--
-- e: {"entry": id, "table": "customers"|"payments", "op": "insert"|"update"|"delete", "row_id": uuid,
--     "row": {column: text|null, ...} (insert: the new row; update: the columns to set),
--     "version": the row's version now (update, delete), "keep_payments": [uuid, ...] (a customer's delete:
--     the payments the person saw; any other payment makes it "changed"), "made_by": text, "outcome": text}
create or replace function shoptwin.write_journal_row(e jsonb) returns bigint
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    tbl      constant text := e->>'table';
    op       constant text := e->>'op';
    r        constant jsonb := coalesce(e->'row', '{}'::jsonb);
    row_id   uuid;
    ver      bigint;
    cols     text;
    written  bigint;
    plain_triggers boolean;
begin
    if tbl is null or tbl not in ('customers', 'payments') or op is null or op not in ('insert', 'update', 'delete') then
        raise exception 'not a journal table or operation' using errcode = 'SJ002';
    end if;
    row_id := (e->>'row_id')::uuid;
    ver := (e->>'version')::bigint;
    if op = 'update' then
        -- a column trigger added in Studio would fire for every column the static SET list names: dynamic then
        plain_triggers := r <> '{}'::jsonb
              and not exists (select 1 from pg_trigger g
                               where g.tgrelid = ('public.' || tbl)::regclass and g.tgattr::text <> ''
                                 and not (tbl = 'payments' and g.tgname = 'payments_totals'));
    end if;
    if tbl = 'customers' and op = 'insert'
       and r ?& array['id', 'name', 'phone', 'email', 'address', 'notes', 'created_at']
       and r - array['id', 'name', 'phone', 'email', 'address', 'notes', 'created_at'] = '{}'::jsonb then
        insert into public.customers as t (id, name, phone, email, address, notes, created_at)
        select p.id, p.name, p.phone, p.email, p.address, p.notes, p.created_at
          from jsonb_populate_record(null::public.customers, r) p
        on conflict (id) do nothing
        returning t.version into written;
    elsif tbl = 'payments' and op = 'insert'
       and r ?& array['id', 'customer_id', 'amount', 'method', 'reference', 'note', 'paid_at', 'created_at']
       and r - array['id', 'customer_id', 'amount', 'method', 'reference', 'note', 'paid_at', 'created_at'] = '{}'::jsonb then
        insert into public.payments as t (id, customer_id, amount, method, reference, note, paid_at, created_at)
        select p.id, p.customer_id, p.amount, p.method, p.reference, p.note, p.paid_at, p.created_at
          from jsonb_populate_record(null::public.payments, r) p
        on conflict (id) do nothing
        returning t.version into written;
    elsif op = 'insert' then
        select string_agg(format('%I', k), ', ') into cols from jsonb_object_keys(r) k;
        execute format('insert into public.%1$I as t (%2$s) select %2$s from jsonb_populate_record(null::public.%1$I, $1)'
                       ' on conflict (id) do nothing returning t.version', tbl, cols)
            into written using r;
    elsif tbl = 'customers' and op = 'update' and plain_triggers
          and r - array['name', 'phone', 'email', 'address', 'notes'] = '{}'::jsonb then
        update public.customers t
           set name    = case when r ? 'name'    then p.name    else t.name    end,
               phone   = case when r ? 'phone'   then p.phone   else t.phone   end,
               email   = case when r ? 'email'   then p.email   else t.email   end,
               address = case when r ? 'address' then p.address else t.address end,
               notes   = case when r ? 'notes'   then p.notes   else t.notes   end
          from jsonb_populate_record(null::public.customers, r) p
         where t.id = row_id and t.version = ver
        returning t.version into written;
    elsif tbl = 'payments' and op = 'update' and plain_triggers
          and r - array['method', 'reference', 'note'] = '{}'::jsonb then
        -- names none of payments_totals' columns: the totals trigger does not fire, as for the dynamic statement
        update public.payments t
           set method    = case when r ? 'method'    then p.method    else t.method    end,
               reference = case when r ? 'reference' then p.reference else t.reference end,
               note      = case when r ? 'note'      then p.note      else t.note      end
          from jsonb_populate_record(null::public.payments, r) p
         where t.id = row_id and t.version = ver
        returning t.version into written;
    elsif tbl = 'payments' and op = 'update' and plain_triggers
          and r - array['customer_id', 'amount', 'method', 'reference', 'note', 'paid_at'] = '{}'::jsonb then
        update public.payments t
           set customer_id = case when r ? 'customer_id' then p.customer_id else t.customer_id end,
               amount      = case when r ? 'amount'      then p.amount      else t.amount      end,
               method      = case when r ? 'method'      then p.method      else t.method      end,
               reference   = case when r ? 'reference'   then p.reference   else t.reference   end,
               note        = case when r ? 'note'        then p.note        else t.note        end,
               paid_at     = case when r ? 'paid_at'     then p.paid_at     else t.paid_at     end
          from jsonb_populate_record(null::public.payments, r) p
         where t.id = row_id and t.version = ver
        returning t.version into written;
    elsif op = 'update' then
        select string_agg(format('%I', k), ', ') into cols from jsonb_object_keys(r) k;
        execute format('update public.%1$I t set (%2$s) = (select %2$s from jsonb_populate_record(null::public.%1$I, $1))'
                       ' where t.id = $2 and t.version = $3 returning t.version', tbl, cols)
            into written using r, row_id, ver;
    elsif tbl = 'customers' and e ? 'keep_payments' then
        -- the customer's payments go with them (cascade): only those the person saw
        delete from public.customers t
         where t.id = row_id and t.version = ver
           and not exists (select 1 from public.payments p
                            where p.customer_id = row_id
                              and p.id::text not in (select jsonb_array_elements_text(e->'keep_payments')))
        returning t.version into written;
    elsif tbl = 'customers' then
        delete from public.customers t where t.id = row_id and t.version = ver returning t.version into written;
    else
        delete from public.payments t where t.id = row_id and t.version = ver returning t.version into written;
    end if;
    if written is null then
        raise exception 'the row changed since it was read' using errcode = 'SJ001';
    end if;
    return case when op = 'delete' then null else written end;
end;
$$;
