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
                + "Refuses non-empty tables unless --force.")
public class RestoreCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--force", description = "Restore into non-empty tables: rows in the copy overwrite rows with the same id.")
    boolean force;

    @Option(names = "--exact", description = "Also delete rows the copy does not have (implies --force).")
    boolean exact;

    @Override
    public Integer call() throws Exception {
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
