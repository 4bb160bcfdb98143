package shoptwin.ui.recyclebin;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.HistoryActions;
import shoptwin.store.history.HistoryRefusedException;
import shoptwin.store.history.NotRecordedYetException;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.Debouncer;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * After a delete, a message with Undo for a few seconds ("Deleted Asha Rao and their 12 payments. Undo"). Undo
 * brings them back from the backup's history, as the recycle bin does; the mirror records a delete within
 * milliseconds, so an Undo pressed at once waits for it (a few seconds at most), then says it cannot yet.
 */
public final class UndoDeleteViewModel {
    /** How long the message stays (the view's debouncer). */
    public static final Duration SHOWN_FOR = Duration.ofSeconds(8);
    static final int WAIT_ATTEMPTS = 20;
    static final Duration WAIT_BETWEEN = Duration.ofMillis(250);

    /** Waits between attempts, off the FX thread (tests: no wait). */
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final HistoryActions actions;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Debouncer hideLater;
    private final Pause pause;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private MirrorTable table;
    private UUID id;
    private long offer;
    private Runnable onRestored = () -> { };

    public UndoDeleteViewModel(HistoryActions actions, UiExecutor executor, DialogService dialogs, Debouncer hideLater, Pause pause) {
        this.actions = Objects.requireNonNull(actions);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.hideLater = Objects.requireNonNull(hideLater);
        this.pause = Objects.requireNonNull(pause);
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    /** The Undo button shows (not after the undo itself). */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void setOnRestored(Runnable onRestored) {
        this.onRestored = Objects.requireNonNull(onRestored);
    }

    /** A customer was deleted (with {@code payments} payments): offer to undo it. */
    public void customerDeleted(UUID customerId, String name, int payments) {
        offer(MirrorTable.CUSTOMERS, customerId, "Deleted " + name + (payments == 0 ? "." : payments == 1 ? " and their payment."
                : " and their " + payments + " payments."));
    }

    /** A payment was deleted: offer to undo it. */
    public void paymentDeleted(UUID paymentId, String what) {
        offer(MirrorTable.PAYMENTS, paymentId, "Deleted " + what + ".");
    }

    private void offer(MirrorTable t, UUID rowId, String message) {
        this.table = t;
        this.id = rowId;
        long mine = ++offer;
        text.set(message);
        canUndo.set(true);
        visible.set(true);
        hideLater.submit(() -> hide(mine));
    }

    public void undo() {
        if (!canUndo.get() || busy.get()) {
            return;
        }
        MirrorTable t = table;
        UUID rowId = id;
        long mine = offer;
        busy.set(true);
        BackgroundTask.of(() -> undeleteOnceRecorded(t, rowId))
                .onSuccess(restored -> {
                    text.set(restored.describe());
                    canUndo.set(false);
                    onRestored.run();
                    hideLater.submit(() -> hide(mine));
                })
                .onFailure(f -> {
                    Throwable x = UiErrors.unwrap(f);
                    visible.set(false);
                    if (x instanceof HistoryRefusedException) {
                        dialogs.showInfo("Cannot undo the delete", x.getMessage());
                    } else {
                        UiErrors.logIfUnexpected(x);
                        dialogs.showError("Could not undo the delete", UiErrors.userMessage(x));
                    }
                })
                .onFinally(() -> busy.set(false))
                .executeWith(executor);
    }

    public void dismiss() {
        visible.set(false);
        canUndo.set(false);
    }

    private void hide(long which) {
        if (which == offer && !busy.get()) {
            dismiss();
        }
    }

    private HistoryActions.Restored undeleteOnceRecorded(MirrorTable t, UUID rowId) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return actions.undelete(t, rowId);
            } catch (NotRecordedYetException e) {
                if (attempt >= WAIT_ATTEMPTS) {
                    throw e;
                }
                pause.pause(WAIT_BETWEEN); // the mirror has not written the delete into the history yet
            }
        }
    }
}
