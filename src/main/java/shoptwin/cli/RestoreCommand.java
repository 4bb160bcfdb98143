package shoptwin.cli;

import com.mongodb.client.MongoClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.Restore;
import shoptwin.mirror.RestoreRefusedException;
import shoptwin.mirror.RestoreReport;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;

/** {@code shoptwin restore}: copies the MongoDB copy back into Supabase, in one transaction. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Copy MongoDB back into Supabase (disaster recovery), in one transaction, timestamps and versions as they were. "
                + "Refuses non-empty tables unless --force, and refuses while Supabase has changes not yet mirrored unless"
                + " --discard-pending. Afterwards the mirror goes on with this database (it adopts the backup's generation).",
            "With --as-of TIME: the tables as they were at that moment, from the backup's history.",
            "After Supabase went back in time, prefer shoptwin recover (it keeps what changed in Supabase since)."})
public class RestoreCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--force", description = "Restore into non-empty tables: rows in the copy overwrite rows with the same id.")
    boolean force;

    @Option(names = "--exact", description = "Also delete rows the copy does not have (implies --force).")
    boolean exact;

    @Option(names = "--dry-run", description = "Show, per table, the rows a restore would insert, update and delete (with --as-of:"
            + " recreate, change back and remove), and whether it would refuse; write nothing.")
    boolean dryRun;

    @Option(names = "--discard-pending", description = "Restore even though changes made in Supabase still wait to be mirrored (or are"
            + " parked): where the backup has the row, the restored one overwrites them.")
    boolean discardPending;

    @Option(names = "--as-of", paramLabel = "TIME", description = "The shop's tables exactly as they were at TIME (2026-11-01T10:00:00Z,"
            + " 2026-11-01 15:30 in this computer's time zone), from the backup's history: into an empty database; with --force into"
            + " the live one as normal captured writes. A time before the history is complete is refused with the earliest that works.")
    String asOf;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (asOf != null) {
            return RestoreAsOfCommand.run(root, spec, asOf, dryRun, force, exact);
        }
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (Database db = root.openDatabase(); MongoClient client = MongoConnections.open(mongo)) {
            MirrorCommandSupport.TerminalProgress bar = new MirrorCommandSupport.TerminalProgress(root.err(), dryRun ? "compare" : "restore");
            Restore restore = new Restore(db, MongoConnections.forMirror(client, mongo.database())).force(force).exact(exact)
                    .discardPending(discardPending).onProgress(bar);
            if (dryRun) {
                shoptwin.mirror.RestorePlan plan;
                try {
                    plan = restore.plan();
                } finally {
                    bar.finish();
                }
                root.out().print(plan.describe());
                root.out().flush();
                return plan.wouldRefuse() ? 1 : 0;
            }
            RestoreReport report;
            try {
                report = restore.run();
            } catch (RestoreRefusedException e) {
                bar.finish();
                root.err().println(e.getMessage());
                root.err().flush();
                return 1;
            } finally {
                bar.finish();
            }
            root.out().print(report.describe());
            root.out().flush();
            return 0;
        }
    }
}
