package shoptwin.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import shoptwin.config.Secrets;
import shoptwin.store.postgres.Database;

/**
 * {@code shoptwin status}: is Supabase reachable (and how fast), the schema version, and the change
 * log's backlog. Exit 1 when Supabase cannot be reached (one line on stderr says why).
 * {@code --check}: one line and exit 0 (within bounds, a leader alive) or 1 (what is wrong), for
 * cron and Nagios-style checks.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show whether Supabase answers, the schema version and how many captured changes wait for the mirror.",
            "--check: exit 0 when a mirror leads and the copy is within the bounds, else 1 with one line saying what is wrong."})
public class StatusCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Option(names = "--check", description = "One line (OK: ... or PROBLEM: ...) on stdout; exit 0 when a mirror leads and the"
            + " copy is within the bounds, 1 otherwise (no leader, lag or backlog over the bound, Supabase unreachable).")
    boolean check;

    @Option(names = "--max-lag", paramLabel = "DURATION", converter = HumanDuration.class, defaultValue = "5m",
            description = "With --check: the oldest waiting change may be at most this old: 90s, 5m, 2h, PT5M (default ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Option(names = "--max-backlog", paramLabel = "N",
            description = "With --check: at most this many changes may wait (default: no bound).")
    Long maxBacklog;

    @Option(names = {"-q", "--quiet"}, description = "With --check: print nothing when all is well (for cron, which mails any output).")
    boolean quiet;

    @Override
    public Integer call() {
        checkOptions();
        try (Database db = root.openDatabase()) {
            StatusReport report = buildReport(db);
            if (check) {
                StatusCheck verdict = StatusCheck.of(report, maxLag, maxBacklog);
                if (!verdict.ok() || !quiet) {
                    root.out().println(verdict.line());
                    root.out().flush();
                }
                return verdict.ok() ? 0 : 1;
            }
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

    private void checkOptions() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (!check) {
            for (String option : List.of("--max-lag", "--max-backlog", "--quiet")) {
                if (parsed.hasMatchedOption(option)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), option + " goes with --check.");
                }
            }
            return;
        }
        if (json) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--check and --json do not go together: --json reports, --check judges.");
        }
        if (maxBacklog != null && maxBacklog < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-backlog must be 0 or more (got " + maxBacklog + ").");
        }
    }

    /** Builds the report; extend here (mirror health) rather than in call(). */
    StatusReport buildReport(Database db) {
        // warnings were already printed on stderr by settings(); they stay in the report for --json
        return StatusReport.collect(db, List.copyOf(root.settings().warnings()));
    }
}
