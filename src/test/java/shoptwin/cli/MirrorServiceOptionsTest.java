package shoptwin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.Settings;

/** {@code shoptwin mirror}'s service options refuse bad values before anything connects. */
class MirrorServiceOptionsTest {
    @TempDir
    Path dir;

    private String err;

    private int run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("SUPABASE_DB_URL", "postgresql://postgres:Opt-S3cret@127.0.0.1:1/postgres",
                "MONGODB_URI", "mongodb://127.0.0.1:1/shop"));
        env.putAll(extra);
        StringWriter out = new StringWriter();
        StringWriter e = new StringWriter();
        int code = ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(out), new PrintWriter(e), args);
        err = e.toString();
        return code;
    }

    @Test
    void aMalformedHttpOptionIsAUsageErrorNamingIt() {
        assertThat(run(Map.of(), "mirror", "--http", "9464")).isEqualTo(2);
        assertThat(err).contains("--http").contains("must be host:port, e.g. 127.0.0.1:9464");
    }

    @Test
    void aMalformedShoptwinHttpIsRefusedNamingIt() {
        assertThat(run(Map.of("SHOPTWIN_HTTP", "localhost"), "mirror")).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("SHOPTWIN_HTTP must be host:port, e.g. 127.0.0.1:9464 (got 'localhost').");
    }

    @Test
    void httpGoesWithTheLongRunningMirrorOnly() {
        assertThat(run(Map.of(), "mirror", "--once", "--http", "127.0.0.1:9464")).isEqualTo(2);
        assertThat(err).contains("--http serves the long-running mirror");
    }

    @Test
    void anAddressInUseStopsTheStartWithOneLineNamingTheSetting() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            assertThat(run(Map.of("SHOPTWIN_HTTP", address), "mirror")).isEqualTo(1);
            assertThat(err.strip()).startsWith("SHOPTWIN_HTTP " + address + ": cannot serve health there: ")
                    .endsWith("(another program listens there?)").doesNotContain("Opt-S3cret");
            assertThat(run(Map.of(), "mirror", "--http", address)).isEqualTo(1);
            assertThat(err.strip()).startsWith("--http " + address + ": cannot serve health there: ");
        }
    }

    @Test
    void theHelpSaysWhatTheServiceDoes() {
        StringWriter out = new StringWriter();
        ShopTwinCommand.run(() -> Settings.load(Map.of(), dir, dir.resolve("config")), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "mirror", "--help");
        assertThat(out.toString()).contains("--http").contains("--log-stdout").contains("/livez, /readyz and /metrics")
                .contains("SIGTERM");
    }
}
