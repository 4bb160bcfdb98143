package shoptwin.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import shoptwin.config.HttpAddress;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.DatabaseStatus;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.failover.Reachability;
import shoptwin.mirror.MirrorHealth;
import shoptwin.service.ServiceHealth.Phase;

/**
 * The sample alert rules and Grafana dashboard in packaging/monitoring parse, say what the issue asks,
 * and use only metrics the service exports (a renamed metric must not leave a silent alert behind).
 */
class MonitoringAssetsTest {
    private static final Path DIR = Path.of("packaging", "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\bshoptwin_[a-z_]+");
    private static Set<String> exported;

    @BeforeAll
    static void scrape() throws Exception {
        Instant now = Instant.now();
        MirrorHealth leading = new MirrorHealth(MirrorHealth.State.RUNNING, null, 0, Duration.ZERO, now, 0, 0, List.of(),
                Optional.of(new MirrorHealth.Leader("shop-server", 1, now, true)), now);
        ConnectionStatus up = new ConnectionStatus(
                new DatabaseStatus(MonitoredDatabase.SUPABASE, Reachability.UP, Duration.ofMillis(1), 0, now, now, now, null),
                new DatabaseStatus(MonitoredDatabase.MONGODB, Reachability.UP, Duration.ofMillis(1), 0, now, now, now, null), now);
        ServiceHealth health = new ServiceHealth(Phase.MIRRORING, null, true, Optional.of(leading), up, now);
        MirrorMetrics metrics = new MirrorMetrics(() -> health, "test");
        try (HealthServer server = HealthServer.start(HttpAddress.parse("127.0.0.1:0", "test"), metrics.registry(), () -> health)) {
            String text = new Endpoints(server.port()).get("/metrics").body();
            exported = text.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(exported).contains("shoptwin_backlog_changes", "shoptwin_oldest_pending_age_seconds",
                "shoptwin_last_success_timestamp_seconds", "shoptwin_changes_applied_total", "shoptwin_parked_changes",
                "shoptwin_is_leader", "shoptwin_mirror_errors_total", "jvm_threads_current");
    }

    private static Set<String> metricsIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    @Test
    void theAlertRulesAlertOnLagAndOnNoLeaderAndUseOnlyExportedMetrics() throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("shoptwin-alerts.yml").toFile())
                .path("groups").get(0).path("rules");
        List<String> names = new ArrayList<>();
        for (JsonNode rule : rules) {
            names.add(rule.path("alert").asText());
            assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
            assertThat(exported).as(rule.path("alert").asText()).containsAll(metricsIn(rule.path("expr").asText()));
        }
        assertThat(names).contains("ShopTwinBackupBehind", "ShopTwinNoMirrorLeader");
        JsonNode behind = find(rules, "ShopTwinBackupBehind");
        assertThat(behind.path("expr").asText()).contains("shoptwin_oldest_pending_age_seconds").endsWith("> 300");
        JsonNode noLeader = find(rules, "ShopTwinNoMirrorLeader");
        assertThat(noLeader.path("expr").asText()).contains("shoptwin_leader_present").endsWith("== 0");
        assertThat(noLeader.path("for").asText()).isEqualTo("5m");
        assertThat(DIR.resolve("shoptwin-alerts.test.yml")).isRegularFile();
    }

    @Test
    void theDashboardShowsBacklogLagLastSuccessLeaderAndErrorsFromExportedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("shoptwin-grafana-dashboard.json").toFile());
        Set<String> used = new TreeSet<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                used.addAll(metricsIn(target.path("expr").asText()));
            }
        }
        assertThat(exported).containsAll(used);
        assertThat(used).contains("shoptwin_backlog_changes", "shoptwin_oldest_pending_age_seconds", "shoptwin_last_success_timestamp_seconds",
                "shoptwin_leader_present", "shoptwin_is_leader", "shoptwin_mirror_errors_total", "shoptwin_changes_applied_total");
        assertThat(titles).contains("Backlog", "Lag", "Last success", "Leader");
        assertThat(dashboard.path("uid").asText()).isEqualTo("shoptwin-mirror");
    }

    private static JsonNode find(JsonNode rules, String alert) {
        for (JsonNode rule : rules) {
            if (rule.path("alert").asText().equals(alert)) {
                return rule;
            }
        }
        throw new AssertionError("no alert " + alert);
    }
}
