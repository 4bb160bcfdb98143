package shoptwin.ui.history;

import java.time.Clock;
import java.util.Objects;
import shoptwin.store.history.HistoryActions;
import shoptwin.ui.common.FxDebouncer;
import shoptwin.ui.common.UiExecutor;
import shoptwin.ui.customers.CustomersViewModel;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.recyclebin.RecycleBinView;
import shoptwin.ui.recyclebin.RecycleBinViewModel;
import shoptwin.ui.recyclebin.UndoDeleteViewModel;
import shoptwin.ui.recyclebin.UndoNotice;

/**
 * Puts what the backup's history offers into the main window (issue 16): the customer's History tab beside their
 * payments, the Recycle bin screen, and the Undo message after a delete. Only installed when there is a MongoDB
 * backup (the history lives there). Call on the FX thread.
 */
public final class HistoryConsole {
    private final HistoryViewModel historyVm;
    private final RecycleBinViewModel binVm;
    private final UndoDeleteViewModel undoVm;

    private HistoryConsole(MainWindow window, HistoryActions actions, UiExecutor executor, int days, Clock clock) {
        var dialogs = window.dialogs();
        var shop = window.viewModel().shop();
        CustomersViewModel customers = window.customersViewModel();
        historyVm = new HistoryViewModel(actions, executor, dialogs, shop);
        binVm = new RecycleBinViewModel(actions, executor, dialogs, shop, days, clock);
        // the pause runs on the executor's thread (the undo waits there for the mirror to record the delete)
        undoVm = new UndoDeleteViewModel(actions, executor, dialogs, new FxDebouncer(UndoDeleteViewModel.SHOWN_FOR.toMillis()),
                d -> Thread.sleep(d.toMillis()));

        window.customersView().addDetailTab("History", "historyTab", new HistoryView(historyVm), historyVm::setActive);
        customers.payments().customerProperty().addListener((obs, old, now) -> historyVm.show(now));
        historyVm.show(customers.payments().customerProperty().get());
        historyVm.setOnChanged(customers::refresh);

        window.setRecycleBinScreen(new RecycleBinView(binVm), binVm::load);
        binVm.setOnRestored(customers::refresh);

        window.setNotice(new UndoNotice(undoVm));
        // the delete question no longer says "cannot be undone"; after a delete, the Undo message
        customers.payments().setDeletesRestorableFor(days);
        customers.deletesGoToTheRecycleBin(days, (c, payments) -> undoVm.customerDeleted(c.id(), c.name(), payments));
        undoVm.setOnRestored(customers::refresh);
    }

    /** @param days the history's retention (the recycle bin shows deletes that recent) */
    public static HistoryConsole install(MainWindow window, HistoryActions actions, UiExecutor executor, int days, Clock clock) {
        Objects.requireNonNull(actions, "actions");
        return new HistoryConsole(window, actions, executor, days, clock);
    }

    public HistoryViewModel history() {
        return historyVm;
    }

    public RecycleBinViewModel recycleBin() {
        return binVm;
    }

    public UndoDeleteViewModel undoDelete() {
        return undoVm;
    }
}
