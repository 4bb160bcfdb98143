package shoptwin.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import shoptwin.config.FailoverSettings;
import shoptwin.config.HttpAddress;
import shoptwin.config.InvalidSettingException;
import shoptwin.config.Logging;
import shoptwin.config.MongoSettings;
import shoptwin.config.Settings;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorService;
import shoptwin.service.HeadlessMirror;
import shoptwin.store.postgres.Database;

/**
 * {@code shoptwin mirror}: the mirror in the foreground until Ctrl+C or SIGTERM, as a service would run it
 * ({@link HeadlessMirror}: waits for the databases, health over HTTP, a bounded graceful stop); or with
 * {@code --once} drains the backlog and exits 0 (1 if it could not: the backlog stays in place).
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = {"Mirror every change from Supabase to MongoDB. Runs until stopped (Ctrl+C, SIGTERM: the batch in flight"
                + " finishes or stays in the change log); --once drains the backlog and exits.",
            "Waits for PostgreSQL and MongoDB when they are away at start. With --http (or SHOPTWIN_HTTP) it serves"
                + " /livez, /readyz and /metrics (Prometheus)."})
public class MirrorCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "Drain the change log, then exit (0 drained, 1 could not: nothing is dropped).")
    boolean once;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "With --once: give up after this many seconds (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--http", paramLabel = "ADDRESS", converter = HttpAddressConverter.class,
            description = "Serve /livez, /readyz and /metrics on HOST:PORT, e.g. 127.0.0.1:9464 (default: SHOPTWIN_HTTP; off when unset).")
    HttpAddress http;

    @Option(names = "--log-stdout", description = "Also log every event to stdout, one masked line each (automatic under systemd:"
            + " INVOCATION_ID or JOURNAL_STREAM set). The log file is written as always.")
    boolean logStdout;

    @Override
    public Integer call() throws Exception {
        if (once) {
            if (http != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--http serves the long-running mirror: leave it out with --once.");
            }
            return drainOnce();
        }
        Map<String, String> env = System.getenv();
        boolean toStdout = logStdout || Logging.underServiceManager(env);
        if (toStdout) {
            Logging.forService(Logging.toJournal(env));
        }
        Settings settings = root.settings();
        HttpAddress address = http != null ? http
                : settings.httpAddress().map(v -> HttpAddress.parse(v, Settings.HTTP)).orElse(null);
        FailoverSettings probes = settings.failover();
        HeadlessMirror service = HeadlessMirror.builder(root.postgresSettings(), MirrorCommandSupport.mongoSettings(root))
                .http(address)
                .probes(Duration.ofSeconds(probes.probeIntervalSeconds()), probes.failureThreshold())
                .version(ShopTwinCommand.Version.version())
                .tuneMirror(b -> b.historyRetention(settings.history().retention()))
                .build();
        Thread hook = new Thread(service::stop, "shoptwin-mirror-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                service.start();
            } catch (java.io.IOException e) {
                String setting = http != null ? "--http" : Settings.HTTP;
                throw new InvalidSettingException(setting, "http_bind", setting + " " + address + ": " + e.getMessage()
                        + " (another program listens there?)");
            }
            if (!toStdout) {
                root.err().println("Mirroring " + Database.describe(root.postgresSettings()) + " to MongoDB"
                        + service.httpPort().map(p -> "; health on http://" + new HttpAddress(address.host(), p) + "/readyz").orElse("")
                        + ". Press Ctrl+C to stop.");
                root.err().flush();
            }
            return service.awaitEnd();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by a signal: the hook is running (it stops the service)
            }
        }
    }

    private int drainOnce() throws Exception {
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (Database db = new Database(root.postgresSettings(), 3);
             MirrorService mirror = MirrorService.builder().database(db).mongo(mongo)
                     .kind(MirrorHealth.Kind.SERVICE).historyRetention(root.settings().history().retention()).build()) {
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
    }

    /** {@code --http}: a malformed address is a usage error naming the option. */
    static final class HttpAddressConverter implements CommandLine.ITypeConverter<HttpAddress> {
        @Override
        public HttpAddress convert(String value) {
            try {
                return HttpAddress.parse(value, "--http");
            } catch (InvalidSettingException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
