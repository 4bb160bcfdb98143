package shoptwin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import shoptwin.importing.CustomerFile;
import shoptwin.importing.CustomerImport;
import shoptwin.importing.ImportPlan;
import shoptwin.importing.ImportReport;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;

/** {@code shoptwin import customers FILE.csv [--dry-run]}. */
@Command(name = "import", mixinStandardHelpOptions = true, subcommands = ImportCommand.Customers.class,
        description = "Import data into Supabase from a file.")
public class ImportCommand implements Runnable {
    public static final int SOME_REFUSED = 3;

    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Say what to import: shoptwin import customers FILE.csv");
    }

    @Command(name = "customers", mixinStandardHelpOptions = true,
            description = {"Add customers from a CSV file whose first row names the columns: name (required), phone, email,"
                    + " address, notes (case and spaces do not matter; other columns are reported and ignored).",
                "Rows whose phone (by its digits) or email (ignoring case) is already a customer's, or an earlier row's,"
                    + " are skipped as duplicates, so importing the same file twice adds nothing.",
                "Exit 0 when no row was refused, 3 when some were (each is listed with its row number and reason),"
                    + " 1 on failure, 2 on a usage error."})
    public static class Customers implements Callable<Integer> {
        @Mixin
        VerboseOption verbose;

        @ParentCommand
        ImportCommand parent;

        @Parameters(paramLabel = "FILE.csv", description = "The CSV file (UTF-8; the header is row 1).")
        Path file;

        @Option(names = "--dry-run", description = "Check the file and show what would be added; write nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            ShopTwinCommand root = parent.root;
            PrintWriter out = root.out();
            PrintWriter err = root.err();
            CustomerFile csv = CustomerFile.read(file);
            try (Database db = root.openDatabase(); PostgresShopStore store = new PostgresShopStore(db)) {
                ImportPlan plan = ImportPlan.prepare(csv, store);
                out.println(plan.summary());
                if (!plan.ignoredColumns().isEmpty()) {
                    out.println(plan.ignoredColumns());
                }
                for (ImportPlan.Refused r : plan.refused()) {
                    out.println("  row " + r.row() + " refused: " + r.reasons());
                }
                for (ImportPlan.Duplicate d : plan.duplicates()) {
                    out.println("  row " + d.row() + " skipped: " + d.reason());
                }
                int code = plan.refused().isEmpty() ? 0 : SOME_REFUSED;
                if (dryRun) {
                    out.println("Dry run: nothing was written.");
                    out.flush();
                    return code;
                }
                AtomicBoolean stop = new AtomicBoolean();
                Thread hook = new Thread(() -> stop.set(true), "shoptwin-import-cancel");
                Runtime.getRuntime().addShutdownHook(hook);
                ImportReport report;
                try {
                    report = new CustomerImport(store).write(plan, (done, total) -> {
                        err.print("\rimport customers " + done + "/" + total);
                        err.flush();
                    }, stop::get);
                } finally {
                    if (!plan.toAdd().isEmpty()) {
                        err.println();
                        err.flush();
                    }
                    ResyncCommand.removeHook(hook);
                }
                out.println(report.describe());
                out.flush();
                return report.complete() ? code : 1;
            }
        }
    }
}
