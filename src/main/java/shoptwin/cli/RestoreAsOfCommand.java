package shoptwin.cli;

import com.mongodb.client.MongoClient;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.RestoreAsOf;
import shoptwin.mirror.RestoreAsOfReport;
import shoptwin.mirror.RestoreRefusedException;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;

/** {@code shoptwin restore --as-of TIME [--dry-run] [--force]}: the tables as they were at a moment ({@link RestoreAsOf}). */
final class RestoreAsOfCommand {
    private RestoreAsOfCommand() {
    }

    static int run(ShopTwinCommand root, CommandSpec spec, String time, boolean dryRun, boolean force, boolean exact) throws Exception {
        if (exact) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--exact is for a restore of the copy as it is: with --as-of"
                    + " the tables become exactly as they were anyway (leave --exact out).");
        }
        Instant moment = HistoryArguments.moment(spec, "--as-of", time, ZoneId.systemDefault());
        if (moment.isAfter(Instant.now())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as-of: " + moment + " is in the future.");
        }
        RestoreAsOf.Mode mode = dryRun ? RestoreAsOf.Mode.DRY_RUN : force ? RestoreAsOf.Mode.FORCE : RestoreAsOf.Mode.INTO_EMPTY;
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (Database db = root.openDatabase(); MongoClient client = MongoConnections.open(mongo)) {
            MirrorCommandSupport.TerminalProgress bar = new MirrorCommandSupport.TerminalProgress(root.err(), "restore");
            try {
                RestoreAsOfReport report = new RestoreAsOf(db, MongoConnections.forMirror(client, mongo.database()), moment)
                        .staff(HistoryArguments.staff(root).via("restore --as-of")).onProgress(bar).run(mode);
                bar.finish();
                root.out().print(report.describe());
                return 0;
            } catch (RestoreRefusedException e) {
                bar.finish();
                root.err().println(e.getMessage());
                return 1;
            } finally {
                root.out().flush();
                root.err().flush();
            }
        }
    }
}
