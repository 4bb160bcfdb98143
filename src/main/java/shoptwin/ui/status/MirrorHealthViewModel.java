package shoptwin.ui.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.mirror.MirrorHealth;
import shoptwin.ui.main.MirrorIndicator;

/**
 * The mirror's health as the screen shows it: the Mirror and Leader cards, the figures (backlog,
 * lag, last success, changes per minute, parked), the recent errors, the chart of the last hour, and
 * the status bar's one-line indicator. Fed the mirror's snapshots on the FX thread; {@link #sample}
 * is called every {@link #SAMPLE_EVERY} by the screen's timer. When the oldest waiting change is older than
 * the lag warning (SHOPTWIN_LAG_WARNING_MINUTES), every console says so on the status bar and the screen,
 * whoever leads: a standby reads the same figures from PostgreSQL.
 */
public final class MirrorHealthViewModel {
    public static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    public static final Duration HISTORY = Duration.ofHours(1);

    private final Clock clock;
    private final Duration lagWarningAfter;
    private final ChartHistory history = new ChartHistory((int) (HISTORY.toSeconds() / SAMPLE_EVERY.toSeconds()));
    private MirrorHealth health;
    /** The shop's time zone once known (times read like the data's); the computer's until then. */
    private java.time.ZoneId zone;

    // ---- Properties
    private final ReadOnlyObjectWrapper<StatusLevel> mirrorLevel = new ReadOnlyObjectWrapper<>(StatusLevel.UNKNOWN);
    private final ReadOnlyStringWrapper mirrorState = new ReadOnlyStringWrapper("Not known yet");
    private final ReadOnlyStringWrapper backlog = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper lag = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper lastSuccess = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper changesPerMinute = new ReadOnlyStringWrapper("–");
    private final ReadOnlyLongWrapper parkedCount = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper parked = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper leader = new ReadOnlyStringWrapper("Not known yet");
    /** "The customers table changed in Supabase: updating the copy (1,200 / 3,000)", or empty. */
    private final ReadOnlyStringWrapper copyUpdate = new ReadOnlyStringWrapper("");
    /** When the mirror stopped copying for a person to decide (Supabase went back in time...): what happened and the ways out; else "". */
    private final ReadOnlyStringWrapper decision = new ReadOnlyStringWrapper("");
    private final ObservableList<String> recentErrors = FXCollections.observableArrayList();
    private final ObservableList<ChartHistory.Sample> chartSamples = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper lagWarning = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MirrorIndicator> indicator = new ReadOnlyObjectWrapper<>(MirrorIndicator.unknown());
    // one read-only view each, kept: a view listens to its list weakly, so a fresh one per call could be collected with the view's listeners
    private final ObservableList<String> recentErrorsView = FXCollections.unmodifiableObservableList(recentErrors);
    private final ObservableList<ChartHistory.Sample> chartSamplesView = FXCollections.unmodifiableObservableList(chartSamples);

    public MirrorHealthViewModel(Clock clock) {
        this(clock, Duration.ofMinutes(shoptwin.config.Settings.DEFAULT_LAG_WARNING_MINUTES));
    }

    /** @param lagWarningAfter how old the oldest waiting change may get before the console warns */
    public MirrorHealthViewModel(Clock clock, Duration lagWarningAfter) {
        this.clock = Objects.requireNonNull(clock);
        this.lagWarningAfter = Objects.requireNonNull(lagWarningAfter);
        this.zone = clock.getZone();
    }

    /** Shows the times ("last success 14:03:22", the errors', the leader's "since") in the shop's time zone. */
    public void showTimesIn(java.time.ZoneId shopZone) {
        this.zone = Objects.requireNonNull(shopZone);
        render(clock.instant());
    }

    /** A new health snapshot from the mirror (FX thread). */
    public void show(MirrorHealth h) {
        this.health = h;
        render(clock.instant());
    }

    /** Re-words what depends on the time ("5 s ago", the lag of a waiting change); every second. */
    public void tick() {
        render(clock.instant());
    }

    /** Records one chart point from the latest health; every {@link #SAMPLE_EVERY}. */
    public void sample() {
        if (health == null) {
            return;
        }
        Instant now = clock.instant();
        history.add(new ChartHistory.Sample(now, health.backlog(), currentLag(health, now).toMillis() / 1000.0));
        chartSamples.setAll(history.samples());
    }

    /**
     * The lag now: the snapshot's lag plus the time since it was taken while changes still wait (a
     * mirror retrying against a stopped MongoDB publishes rarely, but its oldest change keeps ageing).
     */
    static Duration currentLag(MirrorHealth h, Instant now) {
        if (h.backlog() == 0 || h.updatedAt() == null || !now.isAfter(h.updatedAt())) {
            return h.lag();
        }
        return h.lag().plus(Duration.between(h.updatedAt(), now));
    }

    private void render(Instant now) {
        MirrorHealth h = health;
        if (h == null) {
            return;
        }
        StatusLevel level = StatusFormat.mirrorLevel(h);
        mirrorLevel.set(level);
        mirrorState.set(StatusFormat.mirrorState(h, now));
        backlog.set(StatusFormat.count(h.backlog()) + " change" + StatusFormat.plural(h.backlog()));
        Duration lagNow = currentLag(h, now);
        lag.set(StatusFormat.duration(lagNow));
        // no batch since this console started ("never" read as if the copy had never been written)
        lastSuccess.set(h.lastSuccessAt() == null ? "none since start" : StatusFormat.timeAgo(h.lastSuccessAt(), now, zone));
        changesPerMinute.set(StatusFormat.count(h.changesPerMinute()));
        parkedCount.set(h.parkedCount());
        parked.set(StatusFormat.count(h.parkedCount()));
        leader.set(StatusFormat.leader(h, now, zone));
        copyUpdate.set(h.copyUpdate().map(u -> {
            String s = u.sentence();
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }).orElse(""));
        decision.set(h.divergence() == null ? "" : h.divergence().sentence() + " " + h.divergence().waysOut());
        List<String> errors = new ArrayList<>();
        for (int i = h.recentErrors().size() - 1; i >= 0; i--) {
            MirrorHealth.MirrorError e = h.recentErrors().get(i);
            // a batch reached MongoDB after it: the error is history, not news
            boolean resolved = h.lastSuccessAt() != null && e.at() != null && h.lastSuccessAt().isAfter(e.at());
            errors.add(StatusFormat.error(e, now, zone) + (resolved ? "  (resolved)" : ""));
        }
        if (!errors.equals(recentErrors)) {
            recentErrors.setAll(errors);
        }
        String warning = lagWarning(h, lagNow);
        lagWarning.set(warning);
        if (!warning.isEmpty()) {
            indicator.set(new MirrorIndicator(MirrorIndicator.Level.DANGER, warning));
            return;
        }
        indicator.set(new MirrorIndicator(switch (level) {
            case OK -> MirrorIndicator.Level.OK;
            case WARNING -> MirrorIndicator.Level.WARNING;
            case DANGER -> MirrorIndicator.Level.DANGER;
            case UNKNOWN -> MirrorIndicator.Level.UNKNOWN;
        }, "Mirror: " + mirrorState.get().toLowerCase(Locale.ROOT) + " · backlog " + StatusFormat.count(h.backlog())
                + (h.backlog() > 0 ? " · lag " + StatusFormat.duration(lagNow) : "")
                + (h.parkedCount() > 0 ? " · " + h.parkedCount() + " parked" : "")));
    }

    /**
     * "The backup is 2 h behind: 1,234 changes waiting; the mirror service on shop-server is not delivering",
     * or "" while the oldest waiting change is younger than the warning's threshold.
     */
    private String lagWarning(MirrorHealth h, Duration lagNow) {
        if (h.backlog() == 0 || lagNow.compareTo(lagWarningAfter) <= 0) {
            return "";
        }
        String who = h.leader().map(l -> l.isThisInstance() ? "the mirror in this console is not delivering"
                : StatusFormat.who(l) + " is not delivering").orElse("no console or mirror service is copying the changes");
        return "The backup is " + StatusFormat.behind(lagNow) + " behind: " + StatusFormat.count(h.backlog()) + " change"
                + StatusFormat.plural(h.backlog()) + " waiting; " + who;
    }

    // ---- property accessors

    /** The lag warning in words, "" when the copy is within the threshold. */
    public ReadOnlyStringProperty lagWarningProperty() {
        return lagWarning.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLevel> mirrorLevelProperty() {
        return mirrorLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mirrorStateProperty() {
        return mirrorState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backlogProperty() {
        return backlog.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lagProperty() {
        return lag.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastSuccessProperty() {
        return lastSuccess.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty changesPerMinuteProperty() {
        return changesPerMinute.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty parkedProperty() {
        return parked.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty parkedCountProperty() {
        return parkedCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leaderProperty() {
        return leader.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty copyUpdateProperty() {
        return copyUpdate.getReadOnlyProperty();
    }

    /** Empty unless the mirror waits for a person's decision; then the one plain sentence and the ways out. */
    public ReadOnlyStringProperty decisionProperty() {
        return decision.getReadOnlyProperty();
    }

    public ObservableList<String> recentErrors() {
        return recentErrorsView;
    }

    public ObservableList<ChartHistory.Sample> chartSamples() {
        return chartSamplesView;
    }

    public ChartHistory history() {
        return history;
    }

    /** The status bar's dot and words, on every screen. */
    public ReadOnlyObjectProperty<MirrorIndicator> indicatorProperty() {
        return indicator.getReadOnlyProperty();
    }
}
