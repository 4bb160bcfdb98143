package shoptwin.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.app.AppContext;
import shoptwin.app.ConnectionCheck;
import shoptwin.ui.common.FxDialogService;
import shoptwin.ui.common.FxUiExecutor;
import shoptwin.ui.common.JavaUiPreferences;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiPreferences;
import shoptwin.ui.history.HistoryConsole;
import shoptwin.ui.main.ConsoleServices;
import shoptwin.ui.main.DefaultExceptionHandler;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.main.StartupPane;
import shoptwin.ui.settings.ConnectionTester;
import shoptwin.ui.settings.SettingsDialog;
import shoptwin.ui.settings.SettingsFileRepository;
import shoptwin.ui.settings.SettingsRepository;
import shoptwin.ui.settings.SettingsViewModel;
import shoptwin.ui.status.MirrorFeed;
import shoptwin.ui.status.OutageDrill;
import shoptwin.ui.status.SyncConsole;
import shoptwin.ui.status.SyncServices;

/**
 * The console. The window shows at once ("Starting…"); the databases and services start on a
 * background thread; then the main window takes over, or a clear error pane says why not.
 */
public class ShopTwinApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ShopTwinApp.class);

    private final UiPreferences preferences = new JavaUiPreferences();
    private final FxUiExecutor executor = new FxUiExecutor(4);
    private final SettingsRepository settingsRepository = SettingsFileRepository.forCurrentUser();
    /** The checks live outside the UI (they need the drivers); this only adapts their answer. */
    private final ConnectionTester connectionTester = new ConnectionTester() {
        @Override
        public Result testSupabase(String url, String password) {
            ConnectionCheck.Result r = ConnectionCheck.supabase(url, password);
            return new Result(r.ok(), r.message());
        }

        @Override
        public Result testMongo(String uri, String database) {
            ConnectionCheck.Result r = ConnectionCheck.mongo(uri, database);
            return new Result(r.ok(), r.message());
        }
    };
    private volatile AppContext context;
    private SyncConsole sync;
    private Stage stage;
    private StartupPane startup;

    public static void launchConsole(String[] args) {
        Application.launch(ShopTwinApp.class, args);
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        MainWindow.applyTheme(preferences.darkTheme());
        Thread.setDefaultUncaughtExceptionHandler(new DefaultExceptionHandler(new FxDialogService(() -> stage)));
        stage.setTitle("ShopTwin");
        WindowPlacement.restore(stage, preferences);
        startup = new StartupPane();
        stage.setScene(new Scene(startup, stage.getWidth() > 0 ? stage.getWidth() : 1440, stage.getHeight() > 0 ? stage.getHeight() : 900));
        stage.setOnCloseRequest(e -> WindowPlacement.save(stage, preferences));
        stage.show();
        StartupProbe.mark("window");
        startServices();
    }

    private void startServices() {
        startup.setMessage("Connecting to the shop's database…");
        Thread starter = new Thread(() -> {
            try {
                AppContext ctx = AppContext.startFromEnvironment(msg -> {
                    StartupProbe.mark("step " + msg);
                    Platform.runLater(() -> startup.setMessage(msg));
                });
                context = ctx;
                Platform.runLater(() -> showConsole(ctx));
            } catch (Throwable t) {
                UiErrors.logIfUnexpected(t);
                String why = UiErrors.userMessage(t);
                StartupProbe.mark("failed");
                Platform.runLater(() -> startup.showFailure(why, this::retry, this::openSettingsBeforeStart, this::quit));
            }
        }, "shoptwin-startup");
        starter.setDaemon(true);
        starter.start();
    }

    private void retry() {
        startup = new StartupPane();
        stage.getScene().setRoot(startup);
        startServices();
    }

    private void openSettingsBeforeStart() {
        SettingsViewModel vm = new SettingsViewModel(settingsRepository, connectionTester, executor);
        SettingsDialog dialog = new SettingsDialog(vm, stage);
        vm.load();
        dialog.showAndWait();
    }

    private void showConsole(AppContext ctx) {
        // the screens read through the switchable store, so failover to the MongoDB copy needs no rewiring
        ConsoleServices services = new ConsoleServices(ctx.store(), ctx.isDemo(), executor, null, preferences,
                settingsRepository, connectionTester);
        MainWindow window = new MainWindow(services);
        sync = SyncConsole.install(window, new SyncServices(ctx.failover(), ctx.monitor(),
                ctx.mirror().map(MirrorFeed::of).orElse(null), ctx.syncActions().orElse(null),
                ctx.demo().map(OutageDrill::of).orElse(null), ctx.settings().lagWarning(), ctx.outageChanges().orElse(null)),
                executor, null);
        // the history lives in the MongoDB backup: without one there is no History tab or recycle bin
        var shop = window.viewModel().shop();
        ctx.history(moment -> shop.format().dateTime(moment)).ifPresent(history -> HistoryConsole.install(window, history, executor,
                ctx.settings().history().days(), java.time.Clock.systemDefaultZone()));
        window.setOnQuit(this::quit);
        window.setLinkOpener(getHostServices()::showDocument);
        stage.getScene().setRoot(window);
        StartupProbe.mark("console");
        StartupProbe.whenFirstRows(window.customersViewModel().rows());
        stage.setOnCloseRequest(e -> {
            e.consume();
            window.viewModel().confirmExit(this::quit);
        });
    }

    private void quit() {
        WindowPlacement.save(stage, preferences);
        Platform.exit();
    }

    @Override
    public void stop() {
        if (sync != null) {
            sync.close();
        }
        executor.close();
        AppContext ctx = context;
        if (ctx != null) {
            try {
                ctx.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the console's services failed: {}", UiErrors.userMessage(e));
            }
        }
    }
}
