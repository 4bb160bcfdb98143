package shoptwin.cli;

import com.mongodb.client.MongoClient;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.MongoSettings;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.HistoryActions;
import shoptwin.store.history.HistoryRefusedException;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.mongo.MongoShopHistory;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresRowWrites;

/** {@code shoptwin undelete TABLE ID}: brings a deleted customer (with the payments deleted with them) or payment back. */
@Command(name = "undelete", mixinStandardHelpOptions = true,
        description = "Bring a deleted customer back with their original id and the payments they had when deleted (or one deleted"
                + " payment), as they were, from the MongoDB backup's history. A normal write to Supabase: mirrored, and in the history.")
public class UndeleteCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "customers or payments.")
    String tableName;

    @Parameters(index = "1", paramLabel = "ID", description = "The deleted row's id (a UUID; `shoptwin history` shows it).")
    String idText;

    @Override
    public Integer call() throws Exception {
        MirrorTable table = HistoryArguments.table(spec, tableName, false);
        UUID id = HistoryArguments.id(spec, idText);
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (Database db = root.openDatabase(); MongoClient client = MongoConnections.open(mongo)) {
            var staff = HistoryArguments.staff(root);
            HistoryActions actions = new HistoryActions(new MongoShopHistory(MongoConnections.forMirror(client, mongo.database()), "MongoDB"),
                    new PostgresRowWrites(db, () -> staff), Instant::toString);
            try {
                root.out().println(actions.undelete(table, id).describe());
                return 0;
            } catch (HistoryRefusedException e) {
                root.err().println(e.getMessage());
                return 1;
            } finally {
                root.out().flush();
                root.err().flush();
            }
        }
    }
}
