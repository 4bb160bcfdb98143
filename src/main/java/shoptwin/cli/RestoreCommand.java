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
        description = "Copy MongoDB back into Supabase (disaster recovery), in one transaction, timestamps and versions as they were. "
                + "Refuses non-empty tables unless --force. With --as-of TIME: the tables as they were at that moment.")
public class RestoreCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--force", description = "Restore into non-empty tables: rows in the copy overwrite rows with the same id.")
    boolean force;

    @Option(names = "--exact", description = "Also delete rows the copy does not have (implies --force).")
    boolean exact;

    @Option(names = "--as-of", paramLabel = "TIME", description = "The shop's tables exactly as they were at TIME (2026-11-01T10:00:00Z,"
            + " 2026-11-01 15:30 in this computer's time zone), from the backup's history: into an empty database; with --force into"
            + " the live one as normal captured writes. A time before the history is complete is refused with the earliest that works.")
    String asOf;

    @Option(names = "--dry-run", description = "With --as-of: per table, how many rows would be recreated, changed back and removed;"
            + " writes nothing.")
    boolean dryRun;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (asOf != null) {
            return RestoreAsOfCommand.run(root, spec, asOf, dryRun, force, exact);
        }
        if (dryRun) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--dry-run goes with --as-of TIME.");
        }
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (Database db = root.openDatabase(); MongoClient client = MongoConnections.open(mongo)) {
            MirrorCommandSupport.TerminalProgress bar = new MirrorCommandSupport.TerminalProgress(root.err(), "restore");
            RestoreReport report;
            try {
                report = new Restore(db, MongoConnections.forMirror(client, mongo.database())).force(force).exact(exact).onProgress(bar).run();
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
