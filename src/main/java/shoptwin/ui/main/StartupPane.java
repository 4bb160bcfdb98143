package shoptwin.ui.main;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What the window shows while the databases start, and a clear pane if they cannot. */
public final class StartupPane extends VBox {
    private final Label title = new Label("Starting ShopTwin…");
    private final Label message = new Label("");
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Button settings = new Button("Settings…", new FontIcon(Feather.SLIDERS));
    private final Button retry = new Button("Try again", new FontIcon(Feather.REFRESH_CW));
    private final Button quit = new Button("Quit");
    private final HBox buttons = new HBox(8, retry, settings, quit);

    public StartupPane() {
        setId("startupPane");
        getStyleClass().add("startup-pane");
        getStylesheets().add(getClass().getResource(MainWindow.STYLESHEET).toExternalForm());
        title.getStyleClass().add(Styles.TITLE_2);
        title.setGraphic(new FontIcon(Feather.SHOPPING_BAG));
        message.setId("startupMessage");
        message.setWrapText(true);
        message.setMaxWidth(560);
        message.setAlignment(javafx.geometry.Pos.CENTER);
        message.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        message.getStyleClass().add("muted");
        retry.getStyleClass().add(Styles.ACCENT);
        retry.setId("retryStartup");
        buttons.setAlignment(javafx.geometry.Pos.CENTER);
        buttons.setVisible(false);
        progress.setPrefSize(48, 48);
        getChildren().addAll(title, progress, message, buttons);
    }

    public void setMessage(String text) {
        message.setText(text);
    }

    /** Start-up failed: say why (already masked) and offer what can be done. */
    public void showFailure(String why, Runnable onRetry, Runnable onSettings, Runnable onQuit) {
        title.setText("ShopTwin could not start");
        title.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        title.getStyleClass().add(Styles.DANGER);
        progress.setVisible(false);
        progress.setManaged(false);
        message.setText(why);
        retry.setOnAction(e -> onRetry.run());
        settings.setOnAction(e -> onSettings.run());
        settings.setVisible(onSettings != null);
        quit.setOnAction(e -> onQuit.run());
        buttons.setVisible(true);
    }
}
