package shoptwin.service;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.function.Supplier;
import shoptwin.failover.DatabaseStatus;
import shoptwin.failover.Reachability;
import shoptwin.mirror.ChangeLogEntry;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorListener;
import shoptwin.store.copy.MirrorTable;

/**
 * The mirror's figures in Prometheus' registry, for {@code /metrics}: gauges read the latest
 * {@link ServiceHealth} at each scrape; the counters follow the mirror as a {@link MirrorListener}
 * (each change-log row is counted once, when MongoDB acknowledged it and it left the log). Plus the
 * JVM's own metrics. Nothing here carries a secret: numbers, table names, operations, states.
 */
final class MirrorMetrics implements MirrorListener {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<ServiceHealth> health;
    private final Counter applied;
    private final Counter errors;

    MirrorMetrics(Supplier<ServiceHealth> health, String version) {
        this.health = health;
        applied = Counter.builder().name("shoptwin_changes_applied_total")
                .help("Changes MongoDB acknowledged that left the change log, by table and operation (each change once)")
                .labelNames("table", "op").register(registry);
        for (MirrorTable t : MirrorTable.values()) {
            for (ChangeLogEntry.Op op : ChangeLogEntry.Op.values()) {
                applied.initLabelValues(t.tableName(), op(op)); // 0 from the start, so that rate() sees the first change
            }
        }
        errors = Counter.builder().name("shoptwin_mirror_errors_total")
                .help("Failures the mirror met (a batch PostgreSQL or MongoDB failed, a change MongoDB refused); each is retried or parked")
                .register(registry);
        Info build = Info.builder().name("shoptwin_build_info").help("The running ShopTwin").labelNames("version").register(registry);
        build.addLabelValues(version);

        gauge("shoptwin_backlog_changes", "Changes waiting in the change log (parked ones not counted)", h -> h.mirror()
                .map(m -> (double) m.backlog()));
        gauge("shoptwin_oldest_pending_age_seconds", "Age of the oldest change waiting in the change log: the copy's lag (0 when none waits)",
                h -> h.oldestPendingAge().map(d -> d.toMillis() / 1000.0));
        gauge("shoptwin_last_success_timestamp_seconds", "When this process last wrote a batch to MongoDB (Unix time); absent before its first",
                h -> h.mirror().map(MirrorHealth::lastSuccessAt).map(t -> t.toEpochMilli() / 1000.0));
        gauge("shoptwin_parked_changes", "Changes MongoDB refused for their own document's sake, waiting for shoptwin parked retry",
                h -> h.mirror().map(m -> (double) m.parkedCount()));
        gauge("shoptwin_is_leader", "1 while this process is the mirror that leads; 0 while it stands by or waits",
                h -> java.util.Optional.of(h.isLeader() ? 1.0 : 0.0));
        gauge("shoptwin_leader_present", "1 while some mirror (this one, a console or another service) holds the leader lock, as this process last saw it",
                h -> h.mirror().map(m -> m.leader().isPresent() ? 1.0 : 0.0));
        gauge("shoptwin_ready", "1 while /readyz answers 200", h -> java.util.Optional.of(Readiness.of(h).ready() ? 1.0 : 0.0));
        registry.register(GaugeWithCallback.builder().name("shoptwin_database_up")
                .help("1 while the last probes reached the database, 0 after the failure threshold; absent before the first probe")
                .labelNames("database").callback(cb -> {
                    ServiceHealth h = health.get();
                    up(h.postgres(), v -> cb.call(v, "postgresql"));
                    up(h.mongo(), v -> cb.call(v, "mongodb"));
                }).build());
        registry.register(GaugeWithCallback.builder().name("shoptwin_mirror_state")
                .help("1 for the state the mirror is in: waiting (for a database, at start-up), running, catching_up, retrying, standby, stopped")
                .labelNames("state").callback(cb -> {
                    String now = state(health.get());
                    for (String s : new String[] {"waiting", "running", "catching_up", "retrying", "standby", "stopped"}) {
                        cb.call(s.equals(now) ? 1 : 0, s);
                    }
                }).build());
        JvmMetrics.builder().register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void batchApplied(BatchResult result) {
        result.acknowledged().forEach((table, ops) -> ops.forEach((op, n) -> applied.labelValues(table.tableName(), op(op)).inc(n)));
    }

    @Override
    public void error(String maskedMessage) {
        errors.inc();
    }

    private void gauge(String name, String help, java.util.function.Function<ServiceHealth, java.util.Optional<Double>> value) {
        registry.register(GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> value.apply(health.get()).ifPresent(v -> cb.call(v))).build());
    }

    private static void up(DatabaseStatus s, java.util.function.DoubleConsumer out) {
        if (s.reachability() != Reachability.UNKNOWN) {
            out.accept(s.isUp() ? 1 : 0);
        }
    }

    private static String state(ServiceHealth h) {
        return switch (h.phase()) {
            case WAITING_FOR_POSTGRES, WAITING_FOR_MONGODB -> "waiting";
            case STOPPING, STOPPED -> "stopped";
            case MIRRORING -> h.mirror().map(m -> m.state().name().toLowerCase(Locale.ROOT)).orElse("waiting");
        };
    }

    private static String op(ChangeLogEntry.Op op) {
        return op.name().toLowerCase(Locale.ROOT);
    }
}
