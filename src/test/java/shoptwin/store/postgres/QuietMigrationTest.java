package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import shoptwin.testing.CapturedOutput;
import shoptwin.testing.TestDatabases;

/**
 * A fresh start prints no warning a user cannot act on: V1's {@code create schema if not exists shoptwin}
 * meets the schema Flyway has just made for its history, and PostgreSQL's "already exists, skipping"
 * notice used to reach the log as a WARN (issue 18, item 14).
 */
class QuietMigrationTest {
    @Test
    void aFreshDatabaseMigratesWithoutWarnings() {
        try (CapturedOutput out = new CapturedOutput(); Database db = new Database(TestDatabases.freshPostgres())) {
            assertThat(db.migrate().migrationsExecuted).isGreaterThan(0);
            assertThat(out.renderedLog()).doesNotContain("already exists, skipping").doesNotContain("WARN");
        }
    }

    @Test
    void migratingAgainIsQuietToo() {
        try (Database db = new Database(TestDatabases.freshPostgres())) {
            db.migrate();
            try (CapturedOutput out = new CapturedOutput()) {
                db.migrate();
                assertThat(out.renderedLog()).doesNotContain("WARN");
            }
        }
    }
}
