package shoptwin.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import shoptwin.mirror.ChangeLog;
import shoptwin.mirror.ParkedChange;
import shoptwin.store.postgres.Database;

/** {@code shoptwin parked}: changes MongoDB rejected, kept aside; {@code parked retry} sends them again. */
@Command(name = "parked", mixinStandardHelpOptions = true,
        description = "List changes MongoDB rejected for a reason of their own document (kept, not lost).",
        subcommands = ParkedCommand.Retry.class)
public class ParkedCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--limit", defaultValue = "100", description = "Show at most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        try (Database db = root.openDatabase()) {
            List<ParkedChange> parked = new ChangeLog(db.dataSource()).parked(limit);
            if (parked.isEmpty()) {
                root.out().println("No parked changes.");
            }
            for (ParkedChange p : parked) {
                root.out().printf("#%d  %s %s %s  changed %s, parked %s (%d attempt%s)%n    %s%n", p.id(), p.table().tableName(),
                        p.op(), p.rowId(), p.changedAt(), p.parkedAt(), p.attempts(), p.attempts() == 1 ? "" : "s", p.error());
            }
            if (!parked.isEmpty()) {
                root.out().println("Fix the cause, then: shoptwin parked retry --all (or --id N).");
            }
            root.out().flush();
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Return parked changes to the change log; the mirror applies them (older ones never overwrite newer).")
    public static class Retry implements Callable<Integer> {
        @Mixin
        VerboseOption verbose;

        @ParentCommand
        ParkedCommand parent;

        @Option(names = "--id", description = "A parked change's id (repeatable).")
        List<Long> ids;

        @Option(names = "--all", description = "Every parked change.")
        boolean all;

        @Override
        public Integer call() throws Exception {
            ShopTwinCommand root = parent.root;
            if (!all && (ids == null || ids.isEmpty())) {
                root.err().println("Say which: --id N (repeatable) or --all.");
                root.err().flush();
                return 2;
            }
            try (Database db = root.openDatabase()) {
                int moved = new ChangeLog(db.dataSource()).retryParked(all ? List.of() : ids);
                root.out().println(moved + " parked change(s) returned to the change log; the mirror will apply them.");
                root.out().flush();
                return 0;
            }
        }
    }
}
