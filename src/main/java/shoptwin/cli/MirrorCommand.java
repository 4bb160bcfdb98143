package shoptwin.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorService;
import shoptwin.store.postgres.Database;

/**
 * {@code shoptwin mirror}: runs the mirror in the foreground until Ctrl+C (or SIGTERM), or with
 * {@code --once} drains the backlog and exits 0 (1 if it could not: the backlog stays in place).
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = "Mirror every change from Supabase to MongoDB. Runs until stopped; --once drains the backlog and exits.")
public class MirrorCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--once", description = "Drain the change log, then exit (0 drained, 1 could not: nothing is dropped).")
    boolean once;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "With --once: give up after this many seconds (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        try (Database db = new Database(root.postgresSettings(), 3);
             MirrorService mirror = MirrorService.builder().database(db).mongo(MirrorCommandSupport.mongoSettings(root)).build()) {
            if (once) {
                boolean drained = mirror.runUntilDrained(Duration.ofSeconds(timeoutSeconds));
                MirrorHealth h = MirrorService.observe(db);
                if (drained) {
                    root.out().println("Change log drained: MongoDB is up to date (" + h.parkedCount() + " parked).");
                    return 0;
                }
                String why = mirror.health().recentErrors().isEmpty() ? "another console is mirroring, or time ran out"
                        : mirror.health().recentErrors().get(mirror.health().recentErrors().size() - 1).message();
                root.err().println("Could not drain the change log (" + why + "); " + h.backlog()
                        + " change(s) stay in it and will be mirrored later.");
                return 1;
            }
            Thread worker = Thread.currentThread();
            Thread hook = new Thread(mirror::close, "shoptwin-mirror-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            root.err().println("Mirroring " + db.describe() + " to MongoDB. Press Ctrl+C to stop.");
            root.err().flush();
            mirror.run();
            if (Thread.currentThread() == worker) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // stopped by the signal: the hook is already running
                }
            }
            return 0;
        }
    }
}
