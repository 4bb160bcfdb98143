package shoptwin.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import shoptwin.config.PostgresSettings;

/**
 * A shop's Supabase project as its web app left it, before ShopTwin: its own {@code customers} (with
 * columns ShopTwin does not have: {@code total_due numeric}, {@code tags text[]}, a {@code created_at}
 * with microseconds but no {@code updated_at}), a {@code shop} with fewer columns, no {@code payments},
 * an {@code orders} table of its own pointing at customers, real rows, and RLS off: the web app reads
 * with the anon key.
 */
public final class WebAppSchema {
    public static final List<String> CUSTOMER_COLUMNS = List.of("id", "name", "email", "phone", "total_due", "tags", "created_at");
    public static final List<String> SHOP_COLUMNS = List.of("id", "name", "phone");
    public static final int CUSTOMERS = 40;
    /** The one customer whose e-mail is longer than ShopTwin allows (254): its check is added NOT VALID. */
    public static final String LONG_EMAIL_ID = "00000000-0000-4000-8000-000000000007";

    private WebAppSchema() {
    }

    /** Creates it as the project's owner would, in the SQL editor. */
    public static void create(PostgresSettings owner) {
        Sql.run(owner,
                "create table public.customers (id uuid primary key default extensions.uuid_generate_v4(), name text not null,"
                        + " email text, phone text, total_due numeric(10, 2) default 0, tags text[] default '{}',"
                        + " created_at timestamptz default now())",
                "create index customers_email_lower_idx on public.customers (lower(email))",
                "create table public.shop (id uuid primary key default gen_random_uuid(), name text not null, phone text)",
                "create table public.orders (id bigint generated always as identity primary key,"
                        + " customer_id uuid not null references public.customers (id), total numeric(10, 2) not null)",
                "insert into public.shop (id, name, phone) values ('5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d', 'Sharma General Store', '+91 22 2345 6789')",
                "insert into public.customers (id, name, email, phone, total_due, tags, created_at)"
                        + " select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'Customer ' || i,"
                        + " case when i = 7 then repeat('x', 300) || '@example.com' when i % 5 = 0 then null else 'c' || i || '@example.com' end,"
                        + " case when i % 3 = 0 then null else '+91 98' || lpad(i::text, 8, '0') end,"
                        + " (i * 10.25)::numeric(10, 2), case when i % 4 = 0 then array['vip', 'wholesale'] when i % 4 = 1 then '{}' else array['regular'] end,"
                        + " timestamptz '2025-03-01 09:00:00.123456+00' + i * interval '1 day 1.000321 second'"
                        + " from generate_series(1, " + CUSTOMERS + ") i",
                "insert into public.orders (customer_id, total) select id, total_due from public.customers where total_due > 100");
    }

    /** id → md5 of the named columns of each row, as PostgreSQL prints them: equal maps, equal values. */
    public static Map<String, String> rowChecksums(PostgresSettings db, String table, List<String> columns) {
        Map<String, String> out = new LinkedHashMap<>();
        String cols = String.join(", ", columns.stream().map(c -> "t." + c).toList());
        for (String line : Sql.column(db, "select t.id::text || ' ' || md5(row(" + cols + ")::text) from " + table + " t order by t.id")) {
            String[] parts = line.split(" ");
            out.put(parts[0], parts[1]);
        }
        return out;
    }
}
