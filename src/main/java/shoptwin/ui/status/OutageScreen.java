package shoptwin.ui.status;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.status.OutageChanges;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.UiExecutor;
import shoptwin.ui.failover.FailoverBannerViewModel;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.outage.OutageViewModel;
import shoptwin.ui.outage.OutageWindow;

/**
 * Where the outage screen is reached from: the banner's button and a line on the Sync status screen. The
 * window is made the first time it is asked for; a decision there refreshes the banner and every screen.
 */
public final class OutageScreen {
    private final MainWindow window;
    private final FailoverBannerViewModel banner;
    private final OutageViewModel vm;
    private OutageWindow stage;

    OutageScreen(OutageChanges changes, MainWindow window, UiExecutor executor, DialogService dialogs,
            FailoverBannerViewModel banner) {
        this.window = window;
        this.banner = banner;
        this.vm = new OutageViewModel(changes, executor, dialogs, window.viewModel().shop());
        vm.setOnChanged(() -> {
            banner.refreshJournal();
            window.viewModel().shop().storeSwitched(); // what a decision wrote shows on every screen
        });
        banner.setOnOpenOutage(this::open);
    }

    /** Shows the window (made on first use) and reads the journal. */
    public void open() {
        if (stage == null) {
            stage = new OutageWindow(vm, window.getScene() == null ? null : window.getScene().getWindow());
        }
        stage.open();
    }

    public OutageViewModel viewModel() {
        return vm;
    }

    /** The status screen with a line about the outage's changes above it (shown while there are any). */
    Node onStatusScreen(Node statusView) {
        Label text = new Label();
        text.setId("statusOutageText");
        text.setWrapText(true);
        text.textProperty().bind(banner.outageSummaryProperty());
        Button openButton = new Button("Open…", new FontIcon(Feather.GIT_MERGE));
        openButton.setId("statusOutageOpen");
        openButton.setOnAction(e -> open());
        HBox line = new HBox(10, new FontIcon(Feather.ARCHIVE), text, openButton);
        line.setId("statusOutage");
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(10, 16, 0, 16));
        line.getStyleClass().add(Styles.TEXT_SMALL);
        line.visibleProperty().bind(banner.outageSummaryProperty().isNotEmpty());
        line.managedProperty().bind(line.visibleProperty());
        VBox box = new VBox(line, statusView);
        VBox.setVgrow(statusView, Priority.ALWAYS);
        box.setId("statusWithOutage");
        return box;
    }
}
