package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import shoptwin.config.PostgresSettings;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.copy.RowImages;
import shoptwin.store.postgres.Database;
import shoptwin.testing.EveryColumnType;
import shoptwin.testing.TestDatabases;

/**
 * Every column type, end to end, on a Supabase-shaped database: rows with edge values → the mirror → the copy
 * holds the BSON types of docs/mirror.md's type table (read from the raw documents) → restore into a fresh
 * database → the same rows, column by column as PostgreSQL prints them. Every session involved (writers, the
 * mirror, resync, verify, restore) starts with odd defaults for the settings a row image depends on; the
 * capture function and the readers pin their own.
 */
class TypeRoundTripTest {

    /** Database defaults a shop's project or a writer's session might have: none may change what is copied. */
    static void oddSessionDefaults(PostgresSettings settings) throws SQLException {
        String name = settings.jdbcUrl().replaceFirst(".*/([^/?]+)(\\?.*)?$", "$1");
        try (Database admin = new Database(TestDatabases.asSuperuser(settings), 1);
             Connection c = admin.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter database " + name + " set timezone = 'Asia/Kolkata'");
            s.execute("alter database " + name + " set intervalstyle = 'postgres_verbose'");
            s.execute("alter database " + name + " set datestyle = 'SQL, DMY'");
            s.execute("alter database " + name + " set extra_float_digits = 0");
            s.execute("alter database " + name + " set bytea_output = 'escape'");
        }
    }

    @Test
    void everyTypeGoesToTheCopyWithItsBsonTypeAndComesBackByteForByte() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            f.tx(EveryColumnType::addColumns);
            oddSessionDefaults(f.pgSettings);
            ((HikariDataSource) f.db.dataSource()).getHikariPoolMXBean().softEvictConnections(); // new sessions get them
            f.start();
            Map<String, String> ids = insertAs(f.db, EveryColumnType::insertRows);
            await().atMost(Duration.ofSeconds(60)).until(() -> f.backlog() == 0);
            assertThat(f.count("select count(*) from shoptwin.parked_change")).isZero();
            VerifyReport verify = f.verify();
            assertThat(verify.isEqual()).as(verify.describe()).isTrue();

            // the raw documents: BSON types as the table says
            var raw = f.mongo.getCollection("customers", BsonDocument.class);
            BsonDocument largest = raw.find(Filters.eq("_id", ids.get("largest"))).first();
            EveryColumnType.BSON.forEach((column, type) ->
                    assertThat(largest.get(EveryColumnType.bare(column)).getBsonType()).as(column).isEqualTo(type));
            assertThat(largest.getBinary("t_bytea").getType()).isZero();
            assertThat(largest.getBinary("t_bytea").getData()).hasSize(100_000);
            BsonDocument nulls = raw.find(Filters.eq("_id", ids.get("every value null"))).first();
            EveryColumnType.BSON.keySet().stream().map(EveryColumnType::bare)
                    .filter(c -> !c.equals("loyaltyPoints") && !c.equals("seq_no"))
                    .forEach(c -> assertThat(nulls.get(c).getBsonType()).as("NULL is null, the field present: " + c).isEqualTo(BsonType.NULL));

            Document micros = f.mongo.getCollection("customers").find(Filters.eq("_id", ids.get("microseconds and BC"))).first();
            assertThat(micros.get("t_timestamptz")).as("microseconds are never cut").isEqualTo("-0043-03-15T10:00:00.000001Z");
            assertThat(micros.get("t_timestamp")).isEqualTo("2026-11-01T10:00:00.123456");
            assertThat(micros.get("t_date")).isEqualTo(Date.from(Instant.parse("-0043-03-15T00:00:00Z")));
            assertThat(micros.get("t_interval")).isEqualTo("P1Y2M-3DT4H5M6.789012S");
            assertThat(micros.get("t_time")).isEqualTo("10:00:00.123456");
            assertThat(micros.get("t_timetz")).isEqualTo("10:00:00.123456+05:30");
            assertThat(micros.get("t_numeric")).isEqualTo(new Decimal128(new BigDecimal("10.50")));
            assertThat(micros.get("t_float4")).isEqualTo(0.1d);
            assertThat(micros.get("t_float8")).isEqualTo(0.30000000000000004d);
            assertThat(micros.get("t_jsonb", Document.class)).isEqualTo(Document.parse(
                    "{\"n\": 1000, \"k\": {\"deep\": [null, false]}, \"neg\": 0, \"price\": {\"$numberDecimal\": \"1.50\"}, \"é\": \"✨\"}"));
            Document specials = f.mongo.getCollection("customers").find(Filters.eq("_id", ids.get("NaN and infinity"))).first();
            assertThat(specials.get("t_numeric")).isEqualTo(Decimal128.NaN);
            assertThat(specials.get("t_float4")).isEqualTo(Double.NaN);
            assertThat(specials.get("t_float8")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(specials.get("t_date")).isEqualTo(new Date(Long.MAX_VALUE));
            assertThat(specials.get("t_timestamp")).isEqualTo(new Date(Long.MIN_VALUE));
            Document largestDoc = f.mongo.getCollection("customers").find(Filters.eq("_id", ids.get("largest"))).first();
            assertThat(largestDoc.getList("a_int4", Object.class)).isEqualTo(List.of(
                    List.of(List.of(1, 2), java.util.Arrays.asList(3, null)), List.of(List.of(5, 6), List.of(7, 8))));
            assertThat(largestDoc.getList("a_jsonb", Object.class)).isEqualTo(java.util.Arrays.asList(
                    new Document("a", List.of(1, 2)), List.of(1, 2), "text", 12345678901L, null));
            assertThat(largestDoc.get("t_uuid")).isEqualTo("ffffffff-ffff-ffff-ffff-ffffffffffff");
            assertThat(largestDoc.get("t_char")).isEqualTo("ab   ");
            assertThat(largestDoc.get("t_bytea", Binary.class).getData()[255]).isEqualTo((byte) 0xff);

            // restore into a fresh project with the same columns: the same rows, byte for byte
            PostgresSettings targetSettings = TestDatabases.freshPostgres();
            try (Database target = new Database(targetSettings)) {
                target.migrate();
                try (Connection c = target.dataSource().getConnection()) {
                    EveryColumnType.addColumns(c);
                }
                oddSessionDefaults(targetSettings);
                ((HikariDataSource) target.dataSource()).getHikariPoolMXBean().softEvictConnections();
                RestoreReport report = new Restore(target, f.mongo).run();
                assertThat(report.table(MirrorTable.CUSTOMERS).restored()).isEqualTo(ids.size());
                assertThat(report.table(MirrorTable.CUSTOMERS).unknownFields()).isEmpty();
                List<String> before = rowsAsText(f.db);
                List<String> after = rowsAsText(target);
                assertThat(after).hasSize(ids.size());
                for (int i = 0; i < before.size(); i++) {
                    assertThat(after.get(i)).isEqualTo(before.get(i));
                }
                // the identity column kept its values and its sequence moved past them
                try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("insert into public.customers(name) values ('after the restore')");
                    try (ResultSet rs = s.executeQuery("select count(distinct seq_no) = count(*) from public.customers")) {
                        rs.next();
                        assertThat(rs.getBoolean(1)).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void anArraysLowerBoundIsNotKeptAndAJsonbNullComesBackAsNullAsTheDocsSay() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            f.sql("alter table public.customers add column a_int int4[], add column j jsonb");
            f.start();
            f.sql("insert into public.customers(name, a_int, j) values ('bounds', '[0:1]={5,6}', 'null'::jsonb)");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            Document doc = f.mongo.getCollection("customers").find(Filters.eq("name", "bounds")).first();
            assertThat(doc.getList("a_int", Integer.class)).containsExactly(5, 6);
            assertThat(doc.containsKey("j")).isTrue();
            assertThat(doc.get("j")).isNull();
            try (Database target = new Database(TestDatabases.freshPostgres())) {
                target.migrate();
                try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("alter table public.customers add column a_int int4[], add column j jsonb");
                }
                new Restore(target, f.mongo).run();
                try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select a_int::text, j is null from public.customers")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("{5,6}");
                    assertThat(rs.getBoolean(2)).as("to_jsonb does not tell JSON null from SQL NULL").isTrue();
                }
            }
        }
    }

    @Test
    void aNumericWithMoreDigitsThanDecimal128IsParkedWithItsReasonAndTheOthersGoOn() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            f.sql("alter table public.customers add column precise numeric");
            f.start();
            f.sql("insert into public.customers(name, precise) values ('too precise', 0.12345678901234567890123456789012345), "
                    + "('fine', 0.1234567890123456789012345678901234)");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "fine"))).isEqualTo(1);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "too precise"))).isZero();
            try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select error from shoptwin.parked_change")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("numeric value of precise has more digits than MongoDB's Decimal128 holds (34)");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aWriterWithOtherSessionSettingsIsCapturedExactlyAlike() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            f.sql("alter table public.customers add column at timestamptz, add column span interval, add column ratio float8, "
                    + "add column blob bytea, add column day date");
            f.start();
            String values = "'2026-11-01 10:00:00.5+00', '1 year 2 mons 3 days 04:05:06', 0.1 + 0.2::float8, '\\x00ff'::bytea, '2026-02-03'";
            f.sql("insert into public.customers(name, at, span, ratio, blob, day) values ('default session', " + values + ")");
            f.sql("set timezone = 'Asia/Kolkata'; set intervalstyle = 'postgres_verbose'; set extra_float_digits = 0; "
                    + "set bytea_output = 'escape'; set datestyle = 'ISO, DMY'; "
                    + "insert into public.customers(name, at, span, ratio, blob, day) values ('odd session', " + values + ")");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            Document plain = f.mongo.getCollection("customers").find(Filters.eq("name", "default session")).first();
            Document odd = f.mongo.getCollection("customers").find(Filters.eq("name", "odd session")).first();
            for (String field : List.of("at", "span", "ratio", "blob", "day")) {
                assertThat(odd.get(field)).as(field).isEqualTo(plain.get(field));
            }
            assertThat(odd.get("at")).isEqualTo(Date.from(Instant.parse("2026-11-01T10:00:00.500Z")));
            assertThat(odd.get("span")).isEqualTo("P1Y2M3DT4H5M6S");
            assertThat(odd.get("ratio")).isEqualTo(0.30000000000000004d);
            assertThat(odd.get("day")).isEqualTo(Date.from(Instant.parse("2026-02-03T00:00:00Z")));
        }
    }

    @Test
    void theCaptureFunctionPinsTheSameSettingsAsTheReaders() throws Exception {
        // R__capture_change.sql and RowImages must list the same settings: a reader pinning another value reads other text
        try (MirrorFixture f = new MirrorFixture()) {
            List<String> pinned = new java.util.ArrayList<>();
            try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select unnest(proconfig) from pg_catalog.pg_proc "
                         + "where oid = 'shoptwin.capture_change'::regproc")) {
                while (rs.next()) {
                    pinned.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
            List<String> readers = RowImages.SETTINGS.stream().map(kv -> (kv[0] + "=" + kv[1]).toLowerCase(java.util.Locale.ROOT)).toList();
            assertThat(pinned).filteredOn(p -> !p.startsWith("search_path=")).containsExactlyInAnyOrderElementsOf(readers);
        }
    }

    private interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    private static <T> T insertAs(Database db, SqlFunction<T> work) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return work.apply(c);
        }
    }

    private static List<String> rowsAsText(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return EveryColumnType.rowsAsText(c);
        }
    }
}
