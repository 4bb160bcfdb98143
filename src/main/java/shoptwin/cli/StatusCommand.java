package shoptwin.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.Secrets;
import shoptwin.store.postgres.Database;

/**
 * {@code shoptwin status}: is Supabase reachable (and how fast), the schema version, and the change
 * log's backlog. Exit 1 when Supabase cannot be reached (one line on stderr says why).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show whether Supabase answers, the schema version and how many captured changes wait for the mirror.")
public class StatusCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Database db = root.openDatabase()) {
            StatusReport report = buildReport(db);
            root.out().println(json ? report.toJson() : report.toText().stripTrailing());
            root.out().flush();
            if (!report.healthy()) {
                root.err().println(Secrets.maskAll(report.supabase().error()));
                root.err().flush();
                return 1;
            }
            return 0;
        }
    }

    /** Builds the report; extend here (mirror health) rather than in call(). */
    StatusReport buildReport(Database db) {
        // warnings were already printed on stderr by settings(); they stay in the report for --json
        return StatusReport.collect(db, List.copyOf(root.settings().warnings()));
    }
}
