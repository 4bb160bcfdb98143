package shoptwin.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonType;

/**
 * Columns of every PostgreSQL type the copy maps (docs/mirror.md, "Types"), added to {@code public.customers}
 * the way a shop's web app or Studio adds them, and rows with edge values for each: NULL, empty, the largest
 * and smallest, NaN and infinities, BC dates, microseconds, unicode, nested and large jsonb, empty and
 * multi-dimensional arrays with NULL elements. Identifiers that need quoting ({@code "loyaltyPoints"}, an enum
 * {@code "Mood"}), an identity column, a generated column and a NOT NULL DEFAULT column are among them.
 */
public final class EveryColumnType {
    /** Column → its type, in the order they are added. */
    public static final Map<String, String> COLUMNS = new LinkedHashMap<>();
    /** Column → the BSON type its non-null, non-special value has in the copy. */
    public static final Map<String, BsonType> BSON = new LinkedHashMap<>();

    static {
        column("t_text", "text", BsonType.STRING);
        column("t_varchar", "varchar(20)", BsonType.STRING);
        column("t_char", "char(5)", BsonType.STRING);
        column("t_citext", "extensions.citext", BsonType.STRING);
        column("t_name", "name", BsonType.STRING);
        column("t_uuid", "uuid", BsonType.STRING);
        column("t_int2", "int2", BsonType.INT32);
        column("t_int4", "int4", BsonType.INT32);
        column("t_int8", "int8", BsonType.INT64);
        column("t_numeric", "numeric", BsonType.DECIMAL128);
        column("t_money_amount", "numeric(12,2)", BsonType.DECIMAL128);
        column("t_float4", "float4", BsonType.DOUBLE);
        column("t_float8", "float8", BsonType.DOUBLE);
        column("t_bool", "boolean", BsonType.BOOLEAN);
        column("t_date", "date", BsonType.DATE_TIME);
        column("t_time", "time", BsonType.STRING);
        column("t_timetz", "timetz", BsonType.STRING);
        column("t_timestamp", "timestamp", BsonType.DATE_TIME);
        column("t_timestamptz", "timestamptz", BsonType.DATE_TIME);
        column("t_interval", "interval", BsonType.STRING);
        column("t_jsonb", "jsonb", BsonType.DOCUMENT);
        column("t_json", "json", BsonType.DOCUMENT);
        column("t_bytea", "bytea", BsonType.BINARY);
        column("t_mood", "public.\"Mood\"", BsonType.STRING);
        column("t_positive", "public.positive_int", BsonType.INT32);
        column("t_inet", "inet", BsonType.STRING);
        column("t_cidr", "cidr", BsonType.STRING);
        column("t_macaddr", "macaddr", BsonType.STRING);
        column("t_money", "money", BsonType.STRING);
        column("t_point", "point", BsonType.STRING);
        column("t_tsvector", "tsvector", BsonType.STRING);
        column("t_range", "int4range", BsonType.STRING);
        column("t_bit", "bit(3)", BsonType.STRING);
        column("t_xml", "xml", BsonType.STRING);
        column("t_address", "public.address", BsonType.STRING);
        column("a_text", "text[]", BsonType.ARRAY);
        column("a_int4", "int4[]", BsonType.ARRAY);
        column("a_int8", "int8[]", BsonType.ARRAY);
        column("a_numeric", "numeric[]", BsonType.ARRAY);
        column("a_float8", "float8[]", BsonType.ARRAY);
        column("a_bool", "boolean[]", BsonType.ARRAY);
        column("a_date", "date[]", BsonType.ARRAY);
        column("a_timestamptz", "timestamptz[]", BsonType.ARRAY);
        column("a_uuid", "uuid[]", BsonType.ARRAY);
        column("a_jsonb", "jsonb[]", BsonType.ARRAY);
        column("a_bytea", "bytea[]", BsonType.ARRAY);
        column("a_interval", "interval[]", BsonType.ARRAY);
        column("a_mood", "public.\"Mood\"[]", BsonType.ARRAY);
        column("a_varchar", "varchar(10)[]", BsonType.ARRAY);
        column("a_tags", "public.tag_list", BsonType.ARRAY);
        column("\"loyaltyPoints\"", "int4 not null default 0", BsonType.INT32);
        column("seq_no", "bigint generated always as identity", BsonType.INT64);
        column("t_shouted", "text generated always as (upper(t_text)) stored", BsonType.STRING);
    }

    private static void column(String name, String type, BsonType bson) {
        COLUMNS.put(name, type);
        BSON.put(name, bson);
    }

    private EveryColumnType() {
    }

    /** The column's name as it is (unquoted). */
    public static String bare(String column) {
        return column.replace("\"", "");
    }

    /** Creates the types the columns use and adds the columns to public.customers. As the owner. */
    public static void addColumns(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create extension if not exists citext with schema extensions");
            s.execute("create type public.\"Mood\" as enum ('sad', 'ok', 'happy ✨', 'it''s \"fine\"')");
            s.execute("create domain public.positive_int as integer check (value > 0)");
            s.execute("create domain public.tag_list as text[]");
            s.execute("create type public.address as (street text, number int, since date)");
            List<String> adds = new ArrayList<>();
            COLUMNS.forEach((name, type) -> adds.add("add column " + name + " " + type));
            s.execute("alter table public.customers " + String.join(", ", adds));
        }
    }

    /** The edge rows: name → (column → SQL expression); columns left out are NULL (or their default). */
    public static Map<String, Map<String, String>> rows() {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        rows.put("every value null", Map.of());
        Map<String, String> largest = new LinkedHashMap<>();
        largest.put("t_text", "'Zoë ✨ 🙂 Ω 日本語 ' || repeat('x', 20000) || E'\\n\\t\"quoted\" \\\\ back'");
        largest.put("t_varchar", "'ŻŻŻŻŻŻŻŻŻŻŻŻŻŻŻŻŻŻŻ🙂'");
        largest.put("t_char", "'ab'");
        largest.put("t_citext", "'MiXeD Case'");
        largest.put("t_name", "'" + "n".repeat(63) + "'");
        largest.put("t_uuid", "'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'");
        largest.put("t_int2", "32767");
        largest.put("t_int4", "2147483647");
        largest.put("t_int8", "9223372036854775807");
        largest.put("t_numeric", "1234567890123456789012345678901.234");
        largest.put("t_money_amount", "9999999999.99");
        largest.put("t_float4", "3.4028235e38");
        largest.put("t_float8", "1.7976931348623157e308");
        largest.put("t_bool", "true");
        largest.put("t_date", "'5874897-12-31'");
        largest.put("t_time", "'24:00:00'");
        largest.put("t_timetz", "'23:59:59.999999-15:59'");
        largest.put("t_timestamp", "'294276-12-31 23:59:59.999'");
        largest.put("t_timestamptz", "'294276-12-31 23:59:59.999+00'");
        largest.put("t_interval", "'178000000 years 11 mons 30 days 23:59:59.999999'");
        largest.put("t_jsonb", "(select jsonb_build_object('list', jsonb_agg(jsonb_build_object('i', g, 'price', (g || '.50')::numeric, "
                + "'name', 'item ✨ ' || g, 'tags', jsonb_build_array('a', null, true, 1.0))), 'nested', "
                + "'{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":[[[1]]]}}}}}'::jsonb, 'big', 123456789012345678901234567890, 'neg', -0.001) "
                + "from generate_series(1, 2000) g)");
        largest.put("t_json", "'{\"z\": 1, \"a\": [1.50, 2, {\"k\": \"v\"}], \"s\": \"✨\"}'");
        largest.put("t_bytea", "(select string_agg(decode(lpad(to_hex(g % 256), 2, '0'), 'hex'), ''::bytea) from generate_series(0, 99999) g)");
        largest.put("t_mood", "'it''s \"fine\"'");
        largest.put("t_positive", "2147483647");
        largest.put("t_inet", "'2001:db8::ff00:42:8329/128'");
        largest.put("t_cidr", "'10.1.2.0/24'");
        largest.put("t_macaddr", "'08:00:2b:01:02:03'");
        largest.put("t_money", "'92233720368547758.07'");
        largest.put("t_point", "'(1.5,-2.25)'");
        largest.put("t_tsvector", "'a fat cat sat on a mat'");
        largest.put("t_range", "'[1,2147483647)'");
        largest.put("t_bit", "B'101'");
        largest.put("t_xml", "'<shop name=\"Corner ✨\"><till>1</till></shop>'");
        largest.put("t_address", "row('Main St ✨', 42, '2026-01-31')::public.address");
        largest.put("a_text", "array['a\"b', null, 'NULL', '', ',{}', 'back\\slash', 'Zoë 🙂', ' padded ']");
        largest.put("a_int4", "'{{{1,2},{3,NULL}},{{5,6},{7,8}}}'::int4[]");
        largest.put("a_int8", "array[9223372036854775807, -9223372036854775808, null]::int8[]");
        largest.put("a_numeric", "'{NaN,1.50,-Infinity,0.00000000000000000001,NULL}'::numeric[]");
        largest.put("a_float8", "'{NaN,Infinity,-Infinity,0.1,1e-310,NULL}'::float8[]");
        largest.put("a_bool", "'{{true,false},{NULL,true}}'::boolean[]");
        largest.put("a_date", "'{infinity,-infinity,2026-11-01,\"0044-03-15 BC\",NULL}'::date[]");
        largest.put("a_timestamptz", "array['2026-11-01 10:00:00.123456+00', '2026-11-01 10:00:00.123+00', 'infinity', null]::timestamptz[]");
        largest.put("a_uuid", "array['0b7f6c4e-2f7d-4a51-9d0e-3b6f0c1a2b3c']::uuid[]");
        largest.put("a_jsonb", "array['{\"a\": [1, 2]}', '[1, 2]', '\"text\"', '12345678901', null]::jsonb[]");
        largest.put("a_bytea", "array['\\x00ff'::bytea, ''::bytea, null]");
        largest.put("a_interval", "array['1 year 2 mons'::interval, '-00:00:00.000001', 'infinity']");
        largest.put("a_mood", "array['happy ✨', 'it''s \"fine\"', null]::public.\"Mood\"[]");
        largest.put("a_varchar", "'{abc,\"d,e\"}'::varchar(10)[]");
        largest.put("a_tags", "array['vip', 'wholesale']");
        largest.put("\"loyaltyPoints\"", "2147483647");
        rows.put("largest", largest);
        Map<String, String> smallest = new LinkedHashMap<>();
        smallest.put("t_text", "''");
        smallest.put("t_varchar", "''");
        smallest.put("t_char", "''");
        smallest.put("t_citext", "''");
        smallest.put("t_name", "''");
        smallest.put("t_uuid", "'00000000-0000-0000-0000-000000000000'");
        smallest.put("t_int2", "-32768");
        smallest.put("t_int4", "-2147483648");
        smallest.put("t_int8", "-9223372036854775808");
        smallest.put("t_numeric", "-0.00000000000000000001");
        smallest.put("t_money_amount", "-9999999999.99");
        smallest.put("t_float4", "1e-45");
        smallest.put("t_float8", "4.9e-324");
        smallest.put("t_bool", "false");
        smallest.put("t_date", "'4713-01-01 BC'");
        smallest.put("t_time", "'00:00:00'");
        smallest.put("t_timetz", "'00:00:00+15:59'");
        smallest.put("t_timestamp", "'4713-01-01 00:00:00 BC'");
        smallest.put("t_timestamptz", "'4713-01-01 00:00:00+00 BC'");
        smallest.put("t_interval", "'-178000000 years'");
        smallest.put("t_jsonb", "'{}'");
        smallest.put("t_json", "'[]'");
        smallest.put("t_bytea", "''");
        smallest.put("t_mood", "'sad'");
        smallest.put("t_positive", "1");
        smallest.put("t_inet", "'0.0.0.0'");
        smallest.put("t_money", "'-92233720368547758.08'");
        smallest.put("t_range", "'empty'");
        smallest.put("t_bit", "B'000'");
        smallest.put("t_xml", "''");
        smallest.put("t_address", "row(null, null, null)::public.address");
        smallest.put("a_text", "'{}'");
        smallest.put("a_int4", "'{}'");
        smallest.put("a_numeric", "'{}'");
        smallest.put("a_jsonb", "'{}'");
        smallest.put("a_tags", "'{}'");
        smallest.put("\"loyaltyPoints\"", "-2147483648");
        rows.put("smallest", smallest);
        Map<String, String> specials = new LinkedHashMap<>();
        specials.put("t_numeric", "'NaN'");
        specials.put("t_money_amount", "'NaN'");
        specials.put("t_float4", "'NaN'");
        specials.put("t_float8", "'Infinity'");
        specials.put("t_date", "'infinity'");
        specials.put("t_timestamp", "'-infinity'");
        specials.put("t_timestamptz", "'infinity'");
        specials.put("t_interval", "'infinity'");
        specials.put("t_jsonb", "'\"just a string\"'");
        specials.put("t_json", "'12.5000'");
        rows.put("NaN and infinity", specials);
        Map<String, String> negatives = new LinkedHashMap<>();
        negatives.put("t_numeric", "'-Infinity'");
        negatives.put("t_float4", "'-Infinity'");
        negatives.put("t_float8", "'-Infinity'");
        negatives.put("t_date", "'-infinity'");
        negatives.put("t_timestamp", "'infinity'");
        negatives.put("t_timestamptz", "'-infinity'");
        negatives.put("t_interval", "'-infinity'");
        negatives.put("t_jsonb", "'[1, \"two\", [3.0, {\"four\": null}], true]'");
        rows.put("minus infinity", negatives);
        Map<String, String> micros = new LinkedHashMap<>();
        micros.put("t_numeric", "10.50");
        micros.put("t_money_amount", "0.10");
        micros.put("t_float4", "0.1");
        micros.put("t_float8", "0.30000000000000004");
        micros.put("t_date", "'0044-03-15 BC'");
        micros.put("t_time", "'10:00:00.123456'");
        micros.put("t_timetz", "'10:00:00.123456+05:30'");
        micros.put("t_timestamp", "'2026-11-01 10:00:00.123456'");
        micros.put("t_timestamptz", "'0044-03-15 10:00:00.000001+00 BC'");
        micros.put("t_interval", "'1 year 2 mons -3 days 04:05:06.789012'");
        micros.put("t_jsonb", "'{\"price\": 1.50, \"n\": 1e3, \"neg\": -0, \"é\": \"✨\", \"k\": {\"deep\": [null, false]}}'");
        micros.put("t_mood", "'happy ✨'");
        rows.put("microseconds and BC", micros);
        return rows;
    }

    /** Inserts the edge rows into public.customers; returns their ids by row name. */
    public static Map<String, String> insertRows(Connection c) throws SQLException {
        Map<String, String> ids = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, Map<String, String>> row : rows().entrySet()) {
                List<String> cols = new ArrayList<>(List.of("name"));
                List<String> values = new ArrayList<>(List.of("'" + row.getKey() + "'"));
                row.getValue().forEach((col, value) -> {
                    cols.add(col);
                    values.add(value);
                });
                try (var rs = s.executeQuery("insert into public.customers (" + String.join(", ", cols) + ") values ("
                        + String.join(", ", values) + ") returning id::text")) {
                    rs.next();
                    ids.put(row.getKey(), rs.getString(1));
                }
            }
        }
        return ids;
    }

    /**
     * Every row of public.customers as PostgreSQL prints it, column by column ({@code col::text}, with the
     * row-image settings pinned), in id order: what two databases must agree on byte for byte. json is compared
     * as jsonb (docs: its whitespace, key order and duplicate keys are not kept).
     */
    public static List<String> rowsAsText(Connection c) throws SQLException {
        List<String> exprs = new ArrayList<>();
        exprs.add("id::text");
        for (String col : columnNames(c)) {
            exprs.add(col.equals("\"t_json\"") ? "t_json::jsonb::text" : col + "::text");
        }
        List<String> out = new ArrayList<>();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set local TimeZone = 'UTC'; set local IntervalStyle = 'iso_8601'; set local DateStyle = 'ISO, YMD'; "
                    + "set local extra_float_digits = 1; set local bytea_output = 'hex'");
            try (var rs = s.executeQuery("select " + String.join(" || ' | ' || ", exprs.stream()
                    .map(e -> "coalesce(" + e + ", '<NULL>')").toList()) + " from public.customers order by id")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return out;
    }

    private static List<String> columnNames(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             var rs = s.executeQuery("select quote_ident(attname) from pg_attribute where attrelid = 'public.customers'::regclass "
                     + "and attnum > 0 and not attisdropped and attname <> 'id' order by attnum")) {
            while (rs.next()) {
                out.add(rs.getString(1).startsWith("\"") ? rs.getString(1) : "\"" + rs.getString(1) + "\"");
            }
        }
        return out;
    }
}
