package shoptwin.ui.customers;

import java.util.Objects;
import shoptwin.domain.Customer;
import shoptwin.store.NotFoundException;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DeleteWording;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/** Deleting a customer: asks first, saying how many payments go with them; a customer already gone is said so. */
final class CustomerDeletion {
    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private java.util.function.ObjIntConsumer<Customer> onDeleted = (c, payments) -> { };
    /** Days the Recycle bin keeps a deleted customer; 0 without the history (a MongoDB backup), when a delete is final. */
    private int restorableDays;

    CustomerDeletion(ShopStore store, UiExecutor executor, DialogService dialogs) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
    }

    /** Hears each customer this console deleted, with how many payments went too (the Undo message). */
    void onDeleted(java.util.function.ObjIntConsumer<Customer> listener) {
        this.onDeleted = Objects.requireNonNull(listener);
    }

    void setRestorableDays(int days) {
        this.restorableDays = DeleteWording.restorableDays(days);
    }

    /**
     * Counts the payments, asks, deletes; {@code onGone} runs once the customer is gone (deleted now or before),
     * then the {@link #onDeleted} listener with the number of payments that went with them.
     */
    void delete(Customer c, Runnable onGone) {
        BackgroundTask.of(() -> store.countPayments(c.id()))
                .onSuccess(count -> {
                    if (dialogs.confirmDanger("Delete customer", confirmationText(c.name(), count, restorableDays), "Delete customer")) {
                        BackgroundTask.of(() -> store.deleteCustomer(c.id()))
                                .onSuccess(done -> {
                                    onGone.run();
                                    onDeleted.accept(c, count);
                                })
                                .onFailure(f -> refused(UiErrors.unwrap(f), onGone))
                                .executeWith(executor);
                    }
                })
                .onFailure(f -> refused(UiErrors.unwrap(f), onGone))
                .executeWith(executor);
    }

    private void refused(Throwable t, Runnable onGone) {
        if (t instanceof NotFoundException) {
            dialogs.showInfo("Customer already gone", UiErrors.userMessage(t));
            onGone.run();
        } else {
            UiErrors.logIfUnexpected(t);
            dialogs.showError("Could not delete the customer", UiErrors.userMessage(t));
        }
    }

    /** @param restorableDays how long the Recycle bin keeps them; 0 when nothing keeps them (the delete is final) */
    static String confirmationText(String name, int payments, int restorableDays) {
        String what = switch (payments) {
            case 0 -> "They have no payments.";
            case 1 -> "Their 1 payment will be deleted with them.";
            default -> "Their " + payments + " payments will be deleted with them.";
        };
        return "Delete " + name + "? " + what + DeleteWording.after("them", restorableDays);
    }
}
