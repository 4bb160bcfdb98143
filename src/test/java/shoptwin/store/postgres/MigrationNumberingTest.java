package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The numbering rule of the schema (README, "Schema and change capture"): released migrations never
 * change, and a new one is numbered above every released one. Flyway would otherwise refuse to start on
 * shops' databases (a changed checksum), or skip the new file on every database already past its number
 * (V12-V14 were numbered below V36 and V37, which had shipped: see SchemaMigration.WRITTEN_AFTER_V36).
 */
public class MigrationNumberingTest {
    private static final Pattern VERSIONED = Pattern.compile("V([1-9][0-9]*)__[a-z0-9_]+\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__([a-z0-9_]+)\\.sql");
    /** A function's or a procedure's definition: each has one home, its R__ file. */
    private static final Pattern FUNCTION = Pattern.compile("create (?:or replace )?(?:function|procedure) shoptwin\\.([a-z0-9_]+)\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    /**
     * The highest version among the migration files ("42"): what a freshly migrated or adopted schema is at
     * (a branch's new migration is not released yet, but a database migrates to it).
     */
    public static String newestVersion() {
        try {
            return String.valueOf(files().stream().mapToInt(MigrationNumberingTest::version).max().orElseThrow());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The highest released version ("46" since issues 13-16). */
    public static String newestReleasedVersion() {
        try {
            return String.valueOf(released().keySet().stream().mapToInt(MigrationNumberingTest::version).max().orElseThrow());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> released() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = MigrationNumberingTest.class.getResourceAsStream("/db/released-migrations.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.strip().split(" +");
                    out.put(parts[0], parts[1]);
                }
            }
        }
        return out;
    }

    private static List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(MigrationHistoryTest.MIGRATIONS)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int version(String file) {
        Matcher m = VERSIONED.matcher(file);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void everyFileIsAVersionedOrARepeatableMigrationWithAPlainName() throws IOException {
        for (String f : files()) {
            assertThat(VERSIONED.matcher(f).matches() || REPEATABLE.matcher(f).matches())
                    .as("%s: name migrations V<n>__what_it_does.sql (n a whole number) or R__function_name.sql", f).isTrue();
        }
        List<Integer> versions = files().stream().map(MigrationNumberingTest::version).filter(v -> v > 0).toList();
        assertThat(versions).as("one file per version").doesNotHaveDuplicates();
    }

    @Test
    void releasedMigrationsAreUnchanged() throws Exception {
        for (Map.Entry<String, String> r : released().entrySet()) {
            Path file = MigrationHistoryTest.MIGRATIONS.resolve(r.getKey());
            assertThat(file).as("%s was released: shops' databases have applied it; never rename or delete it", r.getKey()).exists();
            assertThat(sha256(file)).as("%s was released: Flyway refuses to start on a database whose applied migration changed;"
                    + " put the change in a new migration", r.getKey()).isEqualTo(r.getValue());
        }
    }

    @Test
    void aNewMigrationIsNumberedAboveEveryReleasedOne() throws Exception {
        assertThat(numberedTooLow(released().keySet(), files())).isEmpty();
    }

    @Test
    void theRuleCatchesALateNumber() {
        // V12-V14 were exactly this mistake: numbered below V36, which had shipped
        assertThat(numberedTooLow(java.util.Set.of("V1__a.sql", "V36__customer_search_index.sql"),
                List.of("V1__a.sql", "V12__mirror_park_and_retry_functions.sql", "V36__customer_search_index.sql", "V37__b.sql")))
                .singleElement().asString().startsWith("V12__mirror_park_and_retry_functions.sql is numbered below")
                .endsWith("rename it to V37__mirror_park_and_retry_functions.sql");
    }

    /** Unreleased versioned files numbered at or below the highest released one, each with what to do. */
    static List<String> numberedTooLow(java.util.Set<String> released, List<String> files) {
        int highest = released.stream().mapToInt(MigrationNumberingTest::version).max().orElse(0);
        List<String> problems = new ArrayList<>();
        for (String f : files) {
            int v = version(f);
            if (v > 0 && !released.contains(f) && v <= highest) {
                problems.add(f + " is numbered below or at the highest released migration V" + highest
                        + ": every database at V" + highest + " would skip it; rename it to V" + (highest + 1) + f.substring(f.indexOf("__")));
            }
        }
        return problems;
    }

    /** Each function's current definition has one home: its R__ file. No later V file redefines it. */
    @Test
    void eachFunctionIsDefinedInItsOwnRepeatableMigrationOnly() throws Exception {
        Map<String, String> released = released();
        for (String f : files()) {
            String sql = Files.readString(MigrationHistoryTest.MIGRATIONS.resolve(f), StandardCharsets.UTF_8);
            List<String> defined = new ArrayList<>();
            Matcher m = FUNCTION.matcher(sql);
            while (m.find()) {
                defined.add(m.group(1));
            }
            Matcher r = REPEATABLE.matcher(f);
            if (r.matches()) {
                assertThat(defined).as("%s defines exactly the function it is named after", f).containsExactly(r.group(1));
            } else if (!released.containsKey(f) || version(f) > 37) {
                // a versioned migration may create a new function once, beside the table and triggers that need it
                // in the same transaction; its current definition lives in its R__ file, and nothing replaces it here
                assertThat(sql).as("%s: change a function in its R__ file, not in a versioned migration", f)
                        .doesNotContainPattern("(?i)create\\s+or\\s+replace\\s+function");
                for (String function : defined) {
                    assertThat(MigrationHistoryTest.MIGRATIONS.resolve("R__" + function + ".sql"))
                            .as("%s creates shoptwin.%s: its current definition needs a home, R__%s.sql", f, function, function)
                            .exists();
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
