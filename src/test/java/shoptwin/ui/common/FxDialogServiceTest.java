package shoptwin.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real dialogs, on a real (headless) window: a long message wraps and the dialog stays over its window. */
@ExtendWith(ApplicationExtension.class)
class FxDialogServiceTest {
    private static final String LONG = "Resync rebuilds the MongoDB copy from a snapshot of Supabase: every row is written "
            + "again and documents whose row is gone are removed. The console stays usable, and changes made meanwhile "
            + "are still mirrored. It can take a while on a large shop.";

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(new Label("owner")), 1000, 700));
        stage.show();
    }

    @Test
    void aLongMessageWrapsAndTheDialogStaysWhollyOverItsWindow(FxRobot robot) {
        FxDialogService dialogs = new FxDialogService(() -> stage);
        AtomicReference<Boolean> answer = new AtomicReference<>();
        Platform.runLater(() -> answer.set(dialogs.confirmDanger("Resync now?", LONG, "Resync now")));
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#dialogMessage").tryQuery().isPresent());

        Label message = robot.lookup("#dialogMessage").queryAs(Label.class);
        Window dialog = message.getScene().getWindow();
        assertThat(dialog.getWidth()).isLessThan(700);
        assertThat(dialog.getX()).isGreaterThanOrEqualTo(stage.getX());
        assertThat(dialog.getX() + dialog.getWidth()).isLessThanOrEqualTo(stage.getX() + stage.getWidth());
        assertThat(message.getHeight()).as("the wrapped text is shown whole").isGreaterThanOrEqualTo(message.prefHeight(message.getWidth()) - 1);

        robot.clickOn("Cancel");
        await().atMost(Duration.ofSeconds(15)).until(() -> answer.get() != null);
        assertThat(answer.get()).isFalse();
    }
}
