package shoptwin.ui.status;

import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * The demo's outage drill: stop and restore each embedded database from the status screen, off the
 * FX thread, and say what to watch for meanwhile.
 */
public final class OutageDrillViewModel {
    private final OutageDrill drill;
    private final UiExecutor executor;

    static final String RESTORED_READING_BACKUP = "Supabase is running again: switch back from the banner; the mirror drains what waited.";
    static final String RESTORED = "Supabase is running again and the console reads it; the mirror drains what waited.";
    private boolean readingBackup;

    // ---- Properties
    private final ReadOnlyBooleanWrapper supabaseStopped = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper mongoStopped = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper drillBusy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper drillMessage = new ReadOnlyStringWrapper("");

    /** @param drill the demo's outage drill; null outside demo mode (the section is not shown) */
    public OutageDrillViewModel(OutageDrill drill, UiExecutor executor) {
        this.drill = drill;
        this.executor = Objects.requireNonNull(executor);
        if (drill != null) {
            supabaseStopped.set(!drill.isSupabaseRunning());
            mongoStopped.set(!drill.isMongoRunning());
        }
    }

    public boolean drillAvailable() {
        return drill != null;
    }

    // ---- Commands

    /** 'Simulate Supabase outage' / 'Restore Supabase'. */
    public void toggleSupabaseOutage() {
        if (drill == null || drillBusy.get()) {
            return;
        }
        boolean stop = !supabaseStopped.get();
        runDrill(stop ? drill::stopSupabase : drill::startSupabase,
                stop ? "Supabase (the demo PostgreSQL) is stopped. Edits fail, the banner offers the backup once the "
                        + "monitor gives up on it, and changes made elsewhere wait in the change log."
                        : readingBackup ? RESTORED_READING_BACKUP : RESTORED,
                stop ? "Stopping Supabase…" : "Starting Supabase…");
    }

    /** The console switched to the backup or back (FX thread): the drill's words follow, never "switch back" once it has. */
    public void readingBackup(boolean backup) {
        readingBackup = backup;
        if (!backup && RESTORED_READING_BACKUP.equals(drillMessage.get())) {
            drillMessage.set(RESTORED);
        } else if (backup && RESTORED.equals(drillMessage.get())) {
            drillMessage.set(RESTORED_READING_BACKUP);
        }
    }

    /** 'Simulate MongoDB outage' / 'Restore MongoDB'. */
    public void toggleMongoOutage() {
        if (drill == null || drillBusy.get()) {
            return;
        }
        boolean stop = !mongoStopped.get();
        runDrill(stop ? drill::stopMongo : drill::startMongo,
                stop ? "MongoDB is stopped. Keep editing customers: every change waits in the change log (watch the "
                        + "backlog grow) and nothing is lost."
                        : "MongoDB is running again: the mirror retries and the backlog drains to zero.",
                stop ? "Stopping MongoDB…" : "Starting MongoDB…");
    }

    private void runDrill(Runnable work, String done, String busyText) {
        drillBusy.set(true);
        drillMessage.set(busyText);
        BackgroundTask.run(work::run)
                .onSuccess(v -> drillMessage.set(done))
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    drillMessage.set("The drill step failed: " + UiErrors.userMessage(f));
                })
                .onFinally(() -> {
                    supabaseStopped.set(!drill.isSupabaseRunning());
                    mongoStopped.set(!drill.isMongoRunning());
                    drillBusy.set(false);
                })
                .executeWith(executor);
    }

    // ---- property accessors

    public ReadOnlyBooleanProperty supabaseStoppedProperty() {
        return supabaseStopped.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty mongoStoppedProperty() {
        return mongoStopped.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty drillBusyProperty() {
        return drillBusy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty drillMessageProperty() {
        return drillMessage.getReadOnlyProperty();
    }
}
