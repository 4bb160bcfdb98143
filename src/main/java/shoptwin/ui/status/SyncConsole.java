package shoptwin.ui.status;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.failover.ConnectionListener;
import shoptwin.failover.ConnectionStatus;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorListener;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.FxDialogService;
import shoptwin.ui.common.UiExecutor;
import shoptwin.ui.failover.FailoverBanner;
import shoptwin.ui.failover.FailoverBannerViewModel;
import shoptwin.ui.main.MainWindow;

/**
 * Puts the Sync status screen, the failover banner and the View menu's switch into the main window,
 * and feeds them: the monitor's and the mirror's news arrive on their threads and reach the FX
 * thread coalesced (one pending update at a time, always the newest snapshot), so a busy mirror
 * cannot flood the UI. Call on the FX thread; {@link #close()} detaches everything.
 */
public final class SyncConsole implements AutoCloseable {
    private final SyncServices services;
    private final StatusViewModel statusVm;
    private final FailoverBannerViewModel bannerVm;
    private final StatusView statusView;
    private final FailoverBanner banner;
    private final Timeline ticker;
    private final Timeline sampler;
    private final OutageScreen outage;
    private int ticks;
    private final AtomicReference<ConnectionStatus> pendingConnection = new AtomicReference<>();
    private final AtomicReference<MirrorHealth> pendingHealth = new AtomicReference<>();
    private final ConnectionListener connectionListener = new ConnectionListener() {
        @Override
        public void statusChanged(ConnectionStatus status) {
            if (pendingConnection.getAndSet(status) == null) {
                Platform.runLater(() -> statusVm().showConnection(pendingConnection.getAndSet(null)));
            }
        }
    };
    private final MirrorListener mirrorListener = new MirrorListener() {
        @Override
        public void healthChanged(MirrorHealth health) {
            if (pendingHealth.getAndSet(health) == null) {
                Platform.runLater(() -> statusVm().showHealth(pendingHealth.getAndSet(null)));
            }
        }
    };

    private SyncConsole(MainWindow window, SyncServices services, UiExecutor executor, DialogService dialogs) {
        this.services = services;
        Clock clock = Clock.systemDefaultZone();
        this.statusVm = new StatusViewModel(services.actions(), services.drill(), executor, dialogs, Platform::runLater, clock,
                services.lagWarning());
        this.bannerVm = new FailoverBannerViewModel(services.failover(), services.monitor(), executor, Platform::runLater, clock,
                services.outage());
        this.statusView = new StatusView(statusVm);
        this.banner = new FailoverBanner(bannerVm);
        this.outage = services.outage() == null ? null : new OutageScreen(services.outage(), window, executor, dialogs, bannerVm);

        window.setStatusScreen(outage == null ? statusView : outage.onStatusScreen(statusView));
        window.setBanner(banner);
        window.viewModel().mirrorIndicatorProperty().bind(statusVm.mirror().indicatorProperty());

        MenuItem switchItem = new MenuItem();
        switchItem.setId("menuSwitchStore");
        switchItem.textProperty().bind(bannerVm.menuTextProperty());
        switchItem.setGraphic(new FontIcon(Feather.REPEAT));
        switchItem.disableProperty().bind(bannerVm.switchingProperty());
        switchItem.setOnAction(e -> bannerVm.toggle());
        CheckMenuItem autoItem = new CheckMenuItem("Switch to the backup automatically");
        autoItem.setId("menuAutoFailover");
        autoItem.setSelected(bannerVm.autoFailoverProperty().get());
        autoItem.setOnAction(e -> bannerVm.setAutoFailover(autoItem.isSelected()));
        window.addViewMenuItems(switchItem, autoItem);

        // every screen reads through the switchable store and follows the shop context's switch news:
        // after a switch they read again by themselves
        var shop = window.viewModel().shop();
        bannerVm.readOnlyProperty().addListener((obs, old, now) -> {
            shop.setReadOnly(now, FailoverBannerViewModel.READ_ONLY_REASON);
            statusVm.drill().readingBackup(now);
        });
        statusVm.drill().readingBackup(bannerVm.readOnlyProperty().get());
        shop.setReadOnly(bannerVm.readOnlyProperty().get(), FailoverBannerViewModel.READ_ONLY_REASON);
        // working on the backup: shop settings and imports wait for Supabase
        bannerVm.supabaseOnlyProperty().addListener((obs, old, now) ->
                shop.setSupabaseOnly(now, FailoverBannerViewModel.SUPABASE_ONLY_REASON));
        shop.setSupabaseOnly(bannerVm.supabaseOnlyProperty().get(), FailoverBannerViewModel.SUPABASE_ONLY_REASON);
        bannerVm.setOnStoreSwitched(shop::storeSwitched);
        // times in the shop's time zone, like the data's, and again when the shop's settings change it
        shop.formatProperty().addListener((obs, old, now) -> showTimesIn(now.zone()));
        showTimesIn(shop.format().zone());

        if (services.monitor() != null) {
            services.monitor().addListener(connectionListener);
            statusVm.showConnection(services.monitor().current());
        }
        if (services.mirror() != null) {
            services.mirror().addListener(mirrorListener);
            statusVm.showHealth(services.mirror().health());
        }
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            // the mirror publishes on change; between changes re-read its snapshot so "ago" and lag move on
            if (services.mirror() != null) {
                statusVm.showHealth(services.mirror().health());
            }
            statusVm.tick();
            if (++ticks % 2 == 0) {
                bannerVm.refreshJournal(); // another console's changes, the replay's progress
            }
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        sampler = new Timeline(new KeyFrame(Duration.millis(MirrorHealthViewModel.SAMPLE_EVERY.toMillis()), e -> statusVm.sample()));
        sampler.setCycleCount(Timeline.INDEFINITE);
        statusVm.sample();
        sampler.play();
    }

    /** Installs the status screen, banner and menu items into {@code window}; on the FX thread. */
    private void showTimesIn(java.time.ZoneId shopZone) {
        statusVm.showTimesIn(shopZone);
        bannerVm.showTimesIn(shopZone);
    }

    public static SyncConsole install(MainWindow window, SyncServices services, UiExecutor executor, DialogService dialogs) {
        DialogService d = dialogs != null ? dialogs
                : new FxDialogService(() -> window.getScene() == null ? null : window.getScene().getWindow());
        return new SyncConsole(window, services, executor, d);
    }

    private StatusViewModel statusVm() {
        return statusVm;
    }

    public StatusViewModel statusViewModel() {
        return statusVm;
    }

    public FailoverBannerViewModel bannerViewModel() {
        return bannerVm;
    }

    /** The "Changes made during the outage" screen (opened on demand); null without a journal. */
    public OutageScreen outageScreen() {
        return outage;
    }

    @Override
    public void close() {
        ticker.stop();
        sampler.stop();
        if (services.monitor() != null) {
            services.monitor().removeListener(connectionListener);
        }
        if (services.mirror() != null) {
            services.mirror().removeListener(mirrorListener);
        }
        bannerVm.close();
    }
}
