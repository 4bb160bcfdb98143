package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import shoptwin.testing.TestDatabases;

class MigrationSmokeTest {
    @Test
    void migrationsApplyAndAnInsertIsCaptured() throws Exception {
        try (Database db = new Database(TestDatabases.freshPostgres())) {
            assertThat(db.migrate().migrationsExecuted).isGreaterThan(0);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into public.customers(name) values ('Asha')");
                try (ResultSet rs = s.executeQuery("select table_name, op, row_data->>'name' from shoptwin.change_log")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("customers");
                    assertThat(rs.getString(2)).isEqualTo("INSERT");
                    assertThat(rs.getString(3)).isEqualTo("Asha");
                }
            }
        }
    }
}
