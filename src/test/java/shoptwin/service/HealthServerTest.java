package shoptwin.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import shoptwin.config.HttpAddress;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.DatabaseStatus;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.failover.Reachability;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorHealth.Leader;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.service.ServiceHealth.Phase;

/** What /livez and /readyz answer for each state the service can be in (no databases: the states are made up). */
class HealthServerTest {
    private static final Instant NOW = Instant.now();

    private static DatabaseStatus db(MonitoredDatabase which, Reachability r, String error) {
        return new DatabaseStatus(which, r, Duration.ofMillis(2), r == Reachability.DOWN ? 3 : 0, NOW, NOW, NOW, error);
    }

    private static ConnectionStatus both(Reachability pg, Reachability mongo) {
        return new ConnectionStatus(db(MonitoredDatabase.SUPABASE, pg, pg == Reachability.DOWN ? "cannot reach Supabase at db:5432/postgres" : null),
                db(MonitoredDatabase.MONGODB, mongo, mongo == Reachability.DOWN ? "cannot reach MongoDB at mongo:27017 (Connection refused)" : null),
                NOW);
    }

    private static MirrorHealth mirror(State state, long backlog, Leader leader, String error) {
        return new MirrorHealth(state, state == State.RETRYING ? NOW.plusSeconds(4) : null, backlog, Duration.ofSeconds(backlog == 0 ? 0 : 42),
                null, 0, 0, error == null ? List.of() : List.of(new MirrorHealth.MirrorError(NOW, error)), Optional.ofNullable(leader), NOW);
    }

    private static ServiceHealth running(MirrorHealth m, ConnectionStatus c) {
        return new ServiceHealth(Phase.MIRRORING, null, true, Optional.of(m), c, NOW);
    }

    private static final Leader ME = new Leader("shop-server", 4242, NOW, true);
    private static final Leader TILL = new Leader("till-1", 77, NOW, false);

    @Test
    void readinessSaysWhyInEveryState() {
        ConnectionStatus up = both(Reachability.UP, Reachability.UP);
        assertThat(Readiness.of(running(mirror(State.RUNNING, 3, ME, null), up)))
                .isEqualTo(new Readiness(true, "leading: backlog 3, oldest change 42 s old"));
        assertThat(Readiness.of(running(mirror(State.CATCHING_UP, 5000, ME, null), up)).reason()).startsWith("leading, catching up");
        assertThat(Readiness.of(running(mirror(State.STANDBY, 0, TILL, null), up)).ready()).isTrue();
        assertThat(Readiness.of(running(mirror(State.STANDBY, 0, TILL, null), up)).reason()).startsWith("standby: till-1 (pid 77, since ");
        assertThat(Readiness.of(running(mirror(State.STANDBY, 0, null, null), up)))
                .isEqualTo(new Readiness(false, "standing by, but no mirror leads yet"));
        assertThat(Readiness.of(running(mirror(State.RUNNING, 0, ME, null), both(Reachability.UP, Reachability.DOWN))))
                .isEqualTo(new Readiness(false, "cannot reach MongoDB: cannot reach MongoDB at mongo:27017 (Connection refused)"));
        assertThat(Readiness.of(running(mirror(State.STANDBY, 0, TILL, null), both(Reachability.DOWN, Reachability.UP))).reason())
                .startsWith("cannot reach PostgreSQL");
        Readiness retrying = Readiness.of(running(mirror(State.RETRYING, 9, ME, "MongoDB: cannot reach MongoDB at mongo:27017"),
                both(Reachability.UP, Reachability.UNKNOWN)));
        assertThat(retrying.ready()).isFalse();
        assertThat(retrying.reason()).startsWith("retrying at ").endsWith(": MongoDB: cannot reach MongoDB at mongo:27017");
        assertThat(Readiness.of(new ServiceHealth(Phase.WAITING_FOR_MONGODB, "MongoDB: cannot reach MongoDB at mongo:27017", true,
                Optional.empty(), up, NOW))).isEqualTo(new Readiness(false, "waiting at start-up: MongoDB: cannot reach MongoDB at mongo:27017"));
        assertThat(Readiness.of(new ServiceHealth(Phase.STOPPING, null, true, Optional.of(mirror(State.RUNNING, 0, ME, null)), up, NOW))
                .ready()).isFalse();
    }

    @Test
    void theEndpointsAnswerPlainTextAndMaskWhatTheyQuote() throws Exception {
        AtomicReference<ServiceHealth> now = new AtomicReference<>(running(mirror(State.RUNNING, 0, ME, null),
                both(Reachability.UP, Reachability.UP)));
        try (HealthServer server = HealthServer.start(HttpAddress.parse("127.0.0.1:0", "test"), new PrometheusRegistry(), now::get)) {
            Endpoints http = new Endpoints(server.port());
            assertThat(http.get("/livez")).isEqualTo(new Endpoints.Answer(200, "alive: mirroring\n"));
            assertThat(http.get("/readyz").status()).isEqualTo(200);
            assertThat(http.get("/nothing-here").status()).isEqualTo(404);
            assertThat(http.get("/metrics").status()).isEqualTo(200);

            now.set(new ServiceHealth(Phase.WAITING_FOR_POSTGRES,
                    "PostgreSQL: cannot reach postgresql://postgres:Hunter2Secret@db:5432/postgres", true, Optional.empty(),
                    both(Reachability.DOWN, Reachability.UNKNOWN), NOW));
            Endpoints.Answer waiting = http.get("/readyz");
            assertThat(waiting.status()).isEqualTo(503);
            assertThat(waiting.body()).startsWith("not ready: waiting at start-up: PostgreSQL").doesNotContain("Hunter2Secret");

            now.set(new ServiceHealth(Phase.STOPPED, null, false, Optional.empty(), both(Reachability.UP, Reachability.UP), NOW));
            assertThat(http.get("/livez")).isEqualTo(new Endpoints.Answer(503, "the mirror's loop has ended\n"));
            assertThat(http.get("/readyz").status()).isEqualTo(503);
        }
    }
}
