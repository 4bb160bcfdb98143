package shoptwin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpAddressTest {
    @TempDir
    Path dir;

    @Test
    void hostAndPortInTheFormsPeopleWrite() {
        assertThat(HttpAddress.parse("127.0.0.1:9464", "SHOPTWIN_HTTP")).isEqualTo(new HttpAddress("127.0.0.1", 9464));
        assertThat(HttpAddress.parse(" 0.0.0.0:9464 ", "SHOPTWIN_HTTP")).isEqualTo(new HttpAddress("0.0.0.0", 9464));
        assertThat(HttpAddress.parse("localhost:9464", "SHOPTWIN_HTTP")).isEqualTo(new HttpAddress("localhost", 9464));
        assertThat(HttpAddress.parse("[::1]:9464", "SHOPTWIN_HTTP")).isEqualTo(new HttpAddress("::1", 9464));
        assertThat(HttpAddress.parse("[::1]:9464", "SHOPTWIN_HTTP")).hasToString("[::1]:9464");
        assertThat(HttpAddress.parse("shop-server.lan:0", "--http").port()).isZero();
    }

    @Test
    void anythingElseIsRefusedNamingTheSetting() {
        for (String bad : List.of("", "9464", ":9464", "127.0.0.1", "127.0.0.1:", "127.0.0.1:94640", "127.0.0.1:99999",
                "http://127.0.0.1:9464", "127.0.0.1:9464/metrics", "host name:9464", "::1:9464", "[::1:9464")) {
            assertThatThrownBy(() -> HttpAddress.parse(bad, "SHOPTWIN_HTTP")).as("'" + bad + "'")
                    .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                        assertThat(e.setting()).isEqualTo("SHOPTWIN_HTTP");
                        assertThat(e.getMessage()).startsWith("SHOPTWIN_HTTP ").contains("127.0.0.1:9464");
                    });
        }
        assertThatThrownBy(() -> HttpAddress.parse("nope", "--http")).hasMessageStartingWith("--http must be host:port");
    }

    @Test
    void theSettingIsReadLikeEveryOtherAndKeptAsTyped() {
        assertThat(Settings.load(Map.of(), dir, dir.resolve("config")).httpAddress()).isEmpty();
        assertThat(Settings.load(Map.of("SHOPTWIN_HTTP", "127.0.0.1:9464"), dir, dir.resolve("config")).httpAddress()).hasValue("127.0.0.1:9464");
        // only shoptwin mirror serves HTTP: a console does not refuse to open over it
        assertThat(Settings.load(Map.of("SHOPTWIN_HTTP", "not an address"), dir, dir.resolve("config")).httpAddress())
                .hasValue("not an address");
    }
}
