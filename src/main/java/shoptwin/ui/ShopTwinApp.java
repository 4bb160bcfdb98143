package shoptwin.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The console. (Placeholder until the console issue lands.) */
public class ShopTwinApp extends Application {

    public static void launchConsole(String[] args) {
        Application.launch(ShopTwinApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("ShopTwin");
        stage.setScene(new Scene(new Label("ShopTwin"), 800, 600));
        stage.show();
    }
}
