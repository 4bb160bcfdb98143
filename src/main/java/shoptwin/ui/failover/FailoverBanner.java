package shoptwin.ui.failover;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The banner across the top of the window while Supabase is down or the console reads the backup. */
public final class FailoverBanner extends HBox {
    private final Label text = new Label();
    private final Button action = new Button();
    private final Button outage = new Button();
    private final FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);

    public FailoverBanner(FailoverBannerViewModel vm) {
        setId("failoverBanner");
        getStyleClass().add("failover-banner");
        getStylesheets().add(getClass().getResource("/shoptwin/ui/status/status.css").toExternalForm());
        text.setId("failoverBannerText");
        text.setWrapText(true);
        text.textProperty().bind(vm.messageProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        action.setId("failoverBannerAction");
        action.getStyleClass().add(Styles.ACCENT);
        action.textProperty().bind(vm.actionTextProperty());
        action.visibleProperty().bind(vm.actionVisibleProperty());
        action.managedProperty().bind(action.visibleProperty());
        action.disableProperty().bind(vm.switchingProperty());
        action.setOnAction(e -> vm.act());
        outage.setId("failoverBannerOutage");
        outage.getStyleClass().add(Styles.FLAT);
        outage.textProperty().bind(vm.outageTextProperty());
        outage.visibleProperty().bind(vm.outageTextProperty().isNotEmpty());
        outage.managedProperty().bind(outage.visibleProperty());
        outage.setOnAction(e -> vm.openOutage());
        getChildren().addAll(icon, text, new Spacer(), outage, action);

        visibleProperty().bind(vm.stateProperty().isNotEqualTo(FailoverBannerViewModel.State.HIDDEN));
        managedProperty().bind(visibleProperty());
        vm.stateProperty().addListener((obs, old, now) -> style(now));
        style(vm.stateProperty().get());
    }

    private void style(FailoverBannerViewModel.State state) {
        getStyleClass().removeAll("supabase-down", "backup");
        switch (state) {
            case SUPABASE_DOWN -> {
                getStyleClass().add("supabase-down");
                icon.setIconCode(Feather.WIFI_OFF);
            }
            case BACKUP, BACKUP_SUPABASE_BACK -> {
                getStyleClass().add("backup");
                icon.setIconCode(Feather.ARCHIVE);
            }
            case DECISIONS -> {
                getStyleClass().add("backup");
                icon.setIconCode(Feather.GIT_MERGE);
            }
            case HIDDEN -> { }
        }
    }
}
