package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style: rows generated from a seed, with every column type this branch has (the shop's columns plus columns a
 * shop adds in Studio: jsonb, unconstrained numeric, double precision, bigint, timestamptz) and their edge values (empty
 * strings, 2,000-character notes, the largest amount, NaN and ±Infinity, extreme and infinite timestamps, deeply nested
 * and large jsonb, unicode), inserted, edited and deleted. Whatever a row holds, the mirror never stops: the change log
 * drains, and every row is either in the copy or parked with a reason a person can read.
 */
class EveryColumnTypeNeverStopsTheMirrorTest {
    private static final String[] TEXTS = {"", " x ", "Zoë Ñúñez 山田太郎 🧾", "a\tb\nc \"quoted\" \\ back", "x".repeat(2000), "\u0001\u001f"};
    private static final String[] NUMERICS = {"0", "-0.000000000000000000001", "NaN", "Infinity", "-Infinity", "1e-130",
            "123456789012345678901234567890.123456789", "9.999999999999999999999999999999999e6143", "1e131071"};
    private static final String[] DOUBLES = {"0", "-0", "NaN", "Infinity", "-Infinity", "1.7976931348623157e308", "4.9e-324"};
    private static final String[] STAMPS = {"now()", "'infinity'", "'-infinity'", "'4713-01-01 00:00:00+00 BC'", "'294276-12-31 23:59:59+00'",
            "'1970-01-01 00:00:00.001+00'", "'2038-01-19 03:14:08+00'"};
    private static final String[] AMOUNTS = {"0.01", "9999999999.99", "NaN", "12.30", "0.10"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261201L, 7L})
    void generatedRowsOfEveryTypeAndEdgeValueNeverStopTheMirror(long seed) throws Exception {
        Random random = new Random(seed);
        try (MirrorFixture f = new MirrorFixture()) {
            f.sql("alter table public.customers add column extra jsonb, add column score numeric, add column ratio double precision,"
                    + " add column big bigint, add column seen_at timestamptz");
            MirrorService mirror = f.start(f.builder().batchSize(40));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String id = java.util.UUID.randomUUID().toString();
                ids.add(id);
                String stamp = pick(random, STAMPS);
                f.tx(c -> {
                    try (PreparedStatement ps = c.prepareStatement("insert into public.customers (id, name, phone, email, address, notes,"
                            + " extra, score, ratio, big, seen_at) values (?::uuid, ?, ?, ?, ?, ?, ?::jsonb, ?::numeric, ?::float8, ?, " + stamp + ")")) {
                        ps.setString(1, id);
                        ps.setString(2, name(random));
                        ps.setString(3, random.nextBoolean() ? null : cut(pick(random, TEXTS), 32));
                        ps.setString(4, random.nextBoolean() ? null : "ü".repeat(random.nextInt(254)));
                        ps.setString(5, random.nextBoolean() ? null : cut(pick(random, TEXTS), 500));
                        ps.setString(6, random.nextBoolean() ? null : pick(random, TEXTS));
                        ps.setString(7, random.nextInt(4) == 0 ? null : json(random));
                        ps.setString(8, random.nextInt(4) == 0 ? null : pick(random, NUMERICS));
                        ps.setString(9, random.nextInt(4) == 0 ? null : pick(random, DOUBLES));
                        ps.setLong(10, random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE - random.nextInt(3));
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("insert into public.payments (customer_id, amount, method, reference, note)"
                            + " values (?::uuid, ?::numeric, ?, ?, ?)")) {
                        ps.setString(1, id);
                        ps.setString(2, pick(random, AMOUNTS));
                        ps.setString(3, pick(random, new String[] {"cash", "card", "upi", "bank_transfer", "other"}));
                        ps.setString(4, cut(pick(random, TEXTS), 100));
                        ps.setString(5, random.nextBoolean() ? null : cut(pick(random, TEXTS), 500));
                        ps.executeUpdate();
                    }
                });
            }
            // edits and deletes of rows whatever they hold
            for (int i = 0; i < 40; i++) {
                String id = ids.get(random.nextInt(ids.size()));
                f.sql("update public.customers set notes = '" + "é".repeat(random.nextInt(2000)) + "', score = '" + pick(random, NUMERICS)
                        + "' where id = '" + id + "'");
            }
            Set<String> deleted = new HashSet<>();
            for (int i = 0; i < 15; i++) {
                String id = ids.get(random.nextInt(ids.size()));
                deleted.add(id);
                f.sql("delete from public.customers where id = '" + id + "'");
            }

            await().atMost(Duration.ofSeconds(120)).until(() -> f.backlog() == 0);
            assertThat(mirror.health().state()).isNotEqualTo(MirrorHealth.State.RETRYING);
            List<ParkedChange> parked = mirror.parked(1_000);
            assertThat(parked).allSatisfy(p -> assertThat(p.error()).as("a reason a person can read").isNotBlank());
            Set<String> parkedRows = new HashSet<>();
            parked.forEach(p -> parkedRows.add(p.rowId()));
            Set<String> inCopy = new HashSet<>();
            for (Document d : f.mongo.getCollection("customers").find()) {
                inCopy.add((String) d.get("_id"));
            }
            for (String id : ids) {
                if (deleted.contains(id)) {
                    assertThat(inCopy).as("deleted %s", id).doesNotContain(id);
                } else {
                    assertThat(inCopy.contains(id) || parkedRows.contains(id)).as("customer %s mirrored or parked", id).isTrue();
                }
            }
            assertThat(inCopy).as("rows went through").isNotEmpty();
            System.out.printf("seed %d: %d customers in the copy, %d changes parked: %s%n", seed, inCopy.size(), parked.size(),
                    parked.stream().map(ParkedChange::error).distinct().limit(5).toList());
        }
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String name(Random r) {
        String s = cut(pick(r, TEXTS), 200).strip();
        return s.isEmpty() ? "N" : s;
    }

    /** jsonb: deeply nested, large, unicode keys, numbers beyond double. */
    private static String json(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "{\"a\":".repeat(90) + "1" + "}".repeat(90);
            case 1 -> "[" + String.join(",", java.util.Collections.nCopies(20_000, "\"item\"")) + "]";
            case 2 -> "{\"ключ\": \"値\", \"emoji 🧾\": [1, 1.50, -0, 1e308, 123456789012345678901234567890], \"\": null}";
            case 3 -> "{\"$set\": 1, \"a.b\": 2}";
            default -> "[[], {}, \"\", true, false, null, 0.1]";
        };
    }
}
