package shoptwin.ui.status;

import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.DatabaseStatus;
import shoptwin.failover.Reachability;
import shoptwin.mirror.Divergence;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.RecoveryPlan;
import shoptwin.status.SyncActions;
import shoptwin.status.WayOutOutcome;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * The two ways out while the mirror waits for a person's decision (Supabase went back in time, or the backup is
 * another database's; docs/mirror.md, "Which database, which history"): bring the backup's newer data back into
 * Supabase, previewed with counts per table first, or rebase the backup on Supabase as it is now, after a danger
 * confirmation. Offered only while the mirror is DIVERGED; both need both databases. They run in the jobs area of
 * {@link SyncJobsViewModel} (one job at a time, its bars and message) on the {@link UiExecutor}, and end with a
 * verify whose result fills the verify table.
 */
public final class WaysOutViewModel {
    private final SyncJobsViewModel jobs;
    private final SyncActions actions;
    private final UiExecutor executor;
    private final DialogService dialogs;

    private final ReadOnlyBooleanWrapper recoverOffered = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper rebaseOffered = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper("");

    /** @param actions null when no MongoDB copy is configured (nothing is offered then) */
    public WaysOutViewModel(SyncJobsViewModel jobs, SyncActions actions, UiExecutor executor, DialogService dialogs) {
        this.jobs = Objects.requireNonNull(jobs);
        this.actions = actions;
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
    }

    /** The mirror's news (FX thread): the ways out are offered while, and only while, it waits for the decision. */
    public void show(MirrorHealth health) {
        Divergence d = health == null || health.state() != MirrorHealth.State.DIVERGED ? null : health.divergence();
        boolean offered = actions != null && d != null;
        // an interrupted rebase has one way out: run it again
        recoverOffered.set(offered && d.kind() != Divergence.Kind.REBASE_INTERRUPTED);
        rebaseOffered.set(offered);
    }

    /** The monitor's news (FX thread): while a database is down the buttons are disabled with the reason said. */
    public void connectionChanged(ConnectionStatus status) {
        if (status == null) {
            return;
        }
        unavailable.set(down(status.supabase())
                ? "Both ways out need Supabase, which is not answering. They can run once it answers."
                : down(status.mongo())
                ? "Both ways out need the MongoDB backup, which is not answering. They can run once it answers."
                : "");
    }

    private static boolean down(DatabaseStatus s) {
        return s != null && s.reachability() == Reachability.DOWN;
    }

    private boolean canRun(boolean offered) {
        return offered && jobs.idle() && unavailable.get().isEmpty() && jobs.unavailable().isEmpty();
    }

    // ---- Commands

    /** Runs the recover dry run in the background, shows its counts per table, and only when confirmed applies it. */
    public void recover() {
        if (!canRun(recoverOffered.get())) {
            return;
        }
        jobs.start(SyncJobsViewModel.Job.PREVIEW, "Looking at what the backup has that Supabase lost (nothing is written)…");
        BackgroundTask.of(actions::recoverPlan)
                .onSuccess(plan -> {
                    jobs.finish();
                    confirmRecover(plan);
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    jobs.finish();
                    jobs.say("Could not look at what to bring back: " + jobs.failureMessage(f) + " Nothing was written.");
                })
                .executeWith(executor);
    }

    private void confirmRecover(RecoveryPlan plan) {
        String message = "What the backup has that Supabase lost, per table (nothing is written until you confirm):\n\n"
                + preview(plan) + "\nSupabase's tables are held for the shop's writers while the rows are written back; "
                + "then the backup is rebased on Supabase and both are compared.";
        if (!dialogs.confirmDanger("Bring the backup's newer data back into Supabase?", message,
                plan.changes() == 0 ? "Rebase on Supabase" : "Bring it back")) {
            jobs.say("Nothing was changed. The mirror still waits for your decision.");
            return;
        }
        if (!canRun(recoverOffered.get())) {
            // things changed while the dialog was open (a database went away, the mirror goes on again)
            jobs.say("Nothing was changed: " + (unavailable.get().isEmpty() ? "the mirror no longer waits for this decision."
                    : unavailable.get()));
            return;
        }
        jobs.start(SyncJobsViewModel.Job.RECOVER, "Bringing the backup's newer rows back into Supabase, then rebasing the backup…");
        ProgressListener progress = jobs.progressForJob();
        BackgroundTask.of(() -> actions.recover(progress))
                .onSuccess(outcome -> done("Brought back into Supabase: " + broughtBack(outcome.broughtBack())
                        + ". The backup was rebased on Supabase. ", outcome))
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    jobs.say("Bringing the data back failed: " + jobs.failureMessage(f)
                            + " Supabase is as it was before (its writes are one transaction); the mirror still waits.");
                })
                .onFinally(jobs::finish)
                .executeWith(executor);
    }

    /** Asks with a danger confirmation that says what it replaces, then rebases the backup on Supabase as it is now. */
    public void rebase() {
        if (!canRun(rebaseOffered.get())) {
            return;
        }
        if (!dialogs.confirmDanger("Rebase the backup on Supabase as it is now?",
                "This replaces the whole MongoDB backup with Supabase as it is now: every document is rewritten from "
                        + "Supabase, documents whose row Supabase does not have are removed, and the record of deleted rows "
                        + "(tombstones) is cleared. Whatever the backup holds that Supabase lost (changes made after the point "
                        + "Supabase went back to) is gone for good. To keep it, cancel and use 'Bring the backup's newer data "
                        + "back into Supabase…' instead.", "Replace the backup")) {
            jobs.say("Nothing was changed. The mirror still waits for your decision.");
            return;
        }
        jobs.start(SyncJobsViewModel.Job.REBASE, "Rebasing the backup on Supabase: rewriting every document from Supabase…");
        ProgressListener progress = jobs.progressForJob();
        BackgroundTask.of(() -> actions.rebase(progress))
                .onSuccess(outcome -> done("The backup was rebased on Supabase. ", outcome))
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    jobs.say("The rebase failed: " + jobs.failureMessage(f)
                            + " The mirror waits until a rebase finishes; press the button again to run it again.");
                })
                .onFinally(jobs::finish)
                .executeWith(executor);
    }

    private void done(String what, WayOutOutcome outcome) {
        jobs.showRebaseProgress(outcome.rebase());
        String verdict = jobs.showVerifyReport(outcome.verify());
        jobs.say(what + "Verify: " + verdict + (outcome.verify().isEqual() ? " The mirror goes on." : ""));
    }

    /** One line per table, in the dialog's words. */
    static String preview(RecoveryPlan plan) {
        StringBuilder sb = new StringBuilder();
        for (RecoveryPlan.Table t : plan.tables()) {
            sb.append(t.table().tableName()).append(": ").append(StatusFormat.count(t.recreate())).append(" to recreate, ")
                    .append(StatusFormat.count(t.changeBack())).append(" to change back, ")
                    .append(StatusFormat.count(t.delete())).append(" to delete");
            if (t.conflicts() > 0) {
                sb.append("; ").append(StatusFormat.count(t.conflicts()))
                        .append(" changed in Supabase since, kept as Supabase has them (").append(String.join(", ", t.conflictSamples()))
                        .append(')');
            }
            sb.append('\n');
        }
        if (plan.changes() == 0) {
            sb.append("Nothing to bring back: confirming rebases the backup on Supabase so the mirror can go on.\n");
        }
        return sb.toString();
    }

    private static String broughtBack(RecoveryPlan plan) {
        if (plan == null) {
            return "nothing";
        }
        long recreated = plan.tables().stream().mapToLong(RecoveryPlan.Table::recreate).sum();
        long changed = plan.tables().stream().mapToLong(RecoveryPlan.Table::changeBack).sum();
        long deleted = plan.tables().stream().mapToLong(RecoveryPlan.Table::delete).sum();
        return StatusFormat.count(recreated) + " recreated, " + StatusFormat.count(changed) + " changed back, "
                + StatusFormat.count(deleted) + " deleted";
    }

    // ---- property accessors

    /** "Bring the backup's newer data back into Supabase…" is shown. */
    public ReadOnlyBooleanProperty recoverOfferedProperty() {
        return recoverOffered.getReadOnlyProperty();
    }

    /** "Rebase the backup on Supabase as it is now…" is shown. */
    public ReadOnlyBooleanProperty rebaseOfferedProperty() {
        return rebaseOffered.getReadOnlyProperty();
    }

    /** Why the ways out cannot run now ("" when they can). */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }
}
