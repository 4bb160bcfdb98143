package shoptwin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console killed with SIGKILL leaves its PostgreSQL running and a postmaster.pid: the next start copes. */
class DemoRestartAfterKillTest {
    @TempDir
    Path dir;

    @Test
    void theNextStartStopsTheOrphanedPostgresAndKeepsTheData() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledConsole.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // skip the child's log output
            }
            assertThat(line).as("the child console started its demo databases").isNotNull();
            port = Integer.parseInt(line.substring("READY ".length()).trim());
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/shoptwin", "postgres", null);
                 Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('survived the kill')");
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Path pidFile = dir.resolve("postgres/postmaster.pid");
        assertThat(pidFile).exists();
        long orphanPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Optional<ProcessHandle> orphan = ProcessHandle.of(orphanPid);
        assertThat(orphan).as("the killed console's PostgreSQL is still running").isPresent();

        try (DemoEnvironment demo = DemoEnvironment.start(dir, m -> { })) {
            assertThat(demo.postgresPort()).isEqualTo(port);
            assertThat(orphan.get().isAlive()).isFalse();
            try (Connection c = DriverManager.getConnection(demo.postgresSettings().jdbcUrl(), "postgres", null);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("survived the kill");
            }
        }
        assertThat(List.of(dir.resolve("postgres").toFile().list())).doesNotContain("postmaster.pid");
    }
}
