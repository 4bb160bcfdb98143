package shoptwin.cli;

import com.mongodb.client.MongoClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.Recovery;
import shoptwin.mirror.RecoveryPlan;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;

/**
 * {@code shoptwin recover}: after Supabase went back in time (or when the backup is another database's), brings
 * the backup's newer data back into Supabase, then rebases the backup on the result and verifies. The other way
 * out is {@code shoptwin resync --rebase}.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Bring the MongoDB backup's newer data back into Supabase after Supabase went back in time (a point-in-time"
                + " restore, a daily backup, an older dump) or when the backup was made from another database.",
            "Rows Supabase lost are recreated, rows the backup has newer are changed back, rows the backup deleted are deleted;"
                + " rows changed in Supabase since are kept as Supabase has them (conflicts). Then the backup is rebased on"
                + " Supabase and verified. Exit 0 when verify ends equal, 3 when it does not.",
            "The other way out: shoptwin resync --rebase (keep Supabase as it is, replace the backup)."})
public class RecoverCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static class Mode {
        @Option(names = "--dry-run", required = true, description = "Show, per table, what would be recreated, changed back, deleted, and kept; write nothing.")
        boolean dryRun;

        @Option(names = "--apply", required = true, description = "Do it (the shop's writes wait while rows are written back), then rebase and verify.")
        boolean apply;
    }

    @Override
    public Integer call() throws Exception {
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (Database db = root.openDatabase(); MongoClient client = MongoConnections.open(mongo)) {
            Recovery recovery = new Recovery(db, MongoConnections.forMirror(client, mongo.database()));
            if (mode.dryRun) {
                RecoveryPlan plan = recovery.plan();
                root.out().print("Recover, dry run (nothing was written):\n" + plan.describe()
                        + (plan.changes() == 0 ? "Nothing to bring back; `shoptwin resync --rebase` lets the mirror go on.\n"
                                : "Run `shoptwin recover --apply` to do it; the backup is rebased on Supabase afterwards.\n"));
                root.out().flush();
                return 0;
            }
            MirrorCommandSupport.TerminalProgress bar = new MirrorCommandSupport.TerminalProgress(root.err(), "recover");
            Recovery.Outcome outcome;
            try {
                outcome = recovery.onProgress(bar).apply();
            } finally {
                bar.finish();
            }
            root.out().print(outcome.describe());
            root.out().flush();
            return outcome.verify().isEqual() ? 0 : 3;
        }
    }
}
