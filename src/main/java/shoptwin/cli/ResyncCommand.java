package shoptwin.cli;

import com.mongodb.client.MongoClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.Resync;
import shoptwin.mirror.ResyncReport;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;

/** {@code shoptwin resync}: rebuilds the MongoDB copy from one consistent Supabase snapshot. */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = {"Rebuild the MongoDB copy from a consistent snapshot of Supabase (safe while the shop keeps working).",
            "--rebase: after Supabase went back in time, or when the backup is another database's, replace the backup with"
                + " Supabase as it is now (every document rewritten, every tombstone removed); the mirror waits meanwhile and"
                + " goes on afterwards. The other way out: shoptwin recover."})
public class ResyncCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @picocli.CommandLine.Option(names = "--rebase", description = "Replace the backup with Supabase as it is now, whatever it holds.")
    boolean rebase;

    @Override
    public Integer call() throws Exception {
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (Database db = root.openDatabase(); MongoClient client = MongoConnections.open(mongo)) {
            MirrorCommandSupport.TerminalProgress bar = new MirrorCommandSupport.TerminalProgress(root.err(), "resync");
            Resync resync = new Resync(db, MongoConnections.forMirror(client, mongo.database())).rebase(rebase).onProgress(bar);
            Thread hook = new Thread(resync::cancel, "shoptwin-resync-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            ResyncReport report;
            try {
                report = resync.run();
            } catch (shoptwin.mirror.CopyDivergedException e) {
                bar.finish();
                root.err().println(e.getMessage());
                root.err().flush();
                return 1;
            } finally {
                bar.finish();
                removeHook(hook);
            }
            root.out().print(report.describe());
            root.out().flush();
            return report.cancelled() ? 1 : 0;
        }
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl+C: the hook is running
        }
    }
}
