package shoptwin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import shoptwin.config.InvalidSettingException;
import shoptwin.config.Logging;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Secrets;
import shoptwin.config.Settings;
import shoptwin.config.SettingsFile;
import shoptwin.store.postgres.Database;

/**
 * The command line: {@code shoptwin <command>}. Exit codes: 0 ok, 1 failure, 2 usage. A failure is
 * one masked line on stderr ({@code cannot reach Supabase at db.abc.supabase.co:5432/postgres:
 * connection refused}); the stack trace only with {@code --verbose}.
 *
 * <p>To add a command: write a {@code @Command} class with {@code @Mixin VerboseOption verbose}
 * and {@code @ParentCommand ShopTwinCommand root} (for {@link #settings()} and {@link #openDatabase()}),
 * and append it to the {@code subcommands} list below.
 */
@Command(name = "shoptwin",
        mixinStandardHelpOptions = true,
        versionProvider = ShopTwinCommand.Version.class,
        description = "ShopTwin: a Supabase shop with a live, exact MongoDB copy. Run without arguments to open the console.",
        subcommands = {
            CommandLine.HelpCommand.class,
            MigrateCommand.class,
            AdoptCommand.class,
            StatusCommand.class,
            MirrorCommand.class,
            ResyncCommand.class,
            VerifyCommand.class,
            RestoreCommand.class,
            RecoverCommand.class,
            HistoryCommand.class,
            UndeleteCommand.class,
            ParkedCommand.class,
            ImportCommand.class,
            ReportCommand.class,
            ReceiptCommand.class,
            JournalCommand.class,
        })
public class ShopTwinCommand implements Runnable {
    @Mixin
    private VerboseOption verbose;

    @Spec
    private CommandSpec spec;

    private final Supplier<Settings> settingsSource;
    private Settings settings;

    public ShopTwinCommand() {
        this(Settings::load);
    }

    public ShopTwinCommand(Supplier<Settings> settingsSource) {
        this.settingsSource = settingsSource;
    }

    /** For shoptwin.Main: the real environment, System.out and System.err. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(Settings::load, out, err, args);
    }

    /** For tests: captured output. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Settings::load, out, err, args);
    }

    /** For tests: captured output and settings from a given environment. */
    public static int run(Supplier<Settings> settings, PrintWriter out, PrintWriter err, String... args) {
        ShopTwinCommand root = new ShopTwinCommand(settings);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parseResult -> {
            Logging.forCommandLine(root.isVerbose());
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            e.println(oneLine(ex, root.knownPostgres()));
            if (root.isVerbose()) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                e.print(Secrets.maskAll(trace.toString()));
            }
            e.flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The PostgreSQL settings if they were read and parsed, for error messages; never throws. */
    java.util.Optional<PostgresSettings> knownPostgres() {
        try {
            return settings == null ? java.util.Optional.empty() : settings.postgres();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The error as one line a person can act on, never with a password in it: a database that cannot
     * be reached says so ("cannot reach Supabase at host:5432/postgres: connection refused"), whichever
     * command met it, instead of a driver's exception text.
     */
    static String oneLine(Throwable ex, java.util.Optional<PostgresSettings> postgres) {
        if (!(ex instanceof shoptwin.store.StoreException) && postgres.isPresent()
                && shoptwin.store.postgres.SqlErrors.isConnectionFailure(ex)) {
            return oneLine(shoptwin.store.postgres.SqlErrors.unavailable(ex, postgres.get()), java.util.Optional.empty());
        }
        if (ex instanceof com.mongodb.MongoException) {
            String text = shoptwin.store.mongo.MongoErrors.describe(ex);
            int nl = text.indexOf('\n');
            return Secrets.maskAll(nl < 0 ? text : text.substring(0, nl).strip());
        }
        String message = ex.getMessage();
        boolean ours = ex instanceof shoptwin.store.StoreException || ex instanceof shoptwin.domain.ValidationException;
        String text = ours && message != null ? message
                : ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        int nl = text.indexOf('\n');
        return Secrets.maskAll(nl < 0 ? text : text.substring(0, nl).strip());
    }

    @Override
    public void run() {
        // no command given (the console is opened by shoptwin.Main before we get here)
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. shoptwin status.");
    }

    /** Where commands print their results (stdout, or the test's writer). */
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where commands print warnings (stderr, or the test's writer). */
    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    VerboseOption verboseOption() {
        return verbose;
    }

    public boolean isVerbose() {
        return verbose != null && verbose.isVerbose();
    }

    /** The settings, read once per run; warnings go to stderr once. */
    public Settings settings() {
        if (settings == null) {
            settings = settingsSource.get();
            PrintWriter err = spec.commandLine().getErr();
            settings.warnings().forEach(w -> err.println("warning: " + Secrets.maskAll(w)));
            err.flush();
        }
        return settings;
    }

    /** SUPABASE_DB_URL, or a clear error saying where to put it. */
    public PostgresSettings postgresSettings() {
        Settings s = settings();
        return s.postgres().orElseThrow(() -> new InvalidSettingException(Settings.SUPABASE_DB_URL, "required",
                "SUPABASE_DB_URL is not set: put Supabase's connection string (session pooler or direct) in the"
                        + " environment, in .env.local, or in " + s.configDir().resolve(SettingsFile.FILE_NAME)));
    }

    /** A small pool on the primary; the caller closes it. */
    public Database openDatabase() {
        return new Database(postgresSettings(), 2);
    }

    /** {@code --version}: from the Maven-filtered /shoptwin/version.properties. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"shoptwin " + version()};
        }

        public static String version() throws IOException {
            try (InputStream in = ShopTwinCommand.class.getResourceAsStream("/shoptwin/version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        }
    }
}
