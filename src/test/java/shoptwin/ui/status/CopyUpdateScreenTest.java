package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import shoptwin.ui.main.MainWindow;

/**
 * A column added in Supabase Studio while the console runs: the status screen's mirror card says, on one
 * line, that the customers table changed and the copy is being updated, and the line goes when it is done.
 */
@ExtendWith(ApplicationExtension.class)
class CopyUpdateScreenTest {
    @TempDir
    static Path dir;
    static LiveConsole console;

    @BeforeAll
    static void startDatabases() {
        console = new LiveConsole(dir, Duration.ofMillis(500), 3);
    }

    @AfterAll
    static void stopDatabases() {
        if (console != null) {
            console.close();
        }
    }

    @Start
    void start(Stage stage) {
        MainWindow.applyTheme(false);
        stage.setScene(new Scene(console.buildWindow(console.actions(), false), 1200, 780));
        stage.show();
    }

    @Test
    void theMirrorCardSaysATableChangedUntilTheCopyFollows(FxRobot robot) throws Exception {
        robot.clickOn("#navStatus");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#copyUpdate").tryQuery().isPresent()));
        assertThat(fx(() -> robot.lookup("#copyUpdate").query().isVisible())).isFalse();

        // a till's transaction is open: the update of the copy waits for it, so the line is there to be seen
        try (Connection till = console.db.dataSource().getConnection(); Statement s = till.createStatement()) {
            till.setAutoCommit(false);
            s.execute("select pg_current_xact_id()");
            try (Connection studio = console.db.dataSource().getConnection(); Statement alter = studio.createStatement()) {
                alter.execute("alter table public.customers add column loyalty_points int not null default 0");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> robot.lookup("#copyUpdate").query().isVisible()));
            assertThat(fx(() -> robot.lookup("#copyUpdate").queryAs(Label.class).getText()))
                    .startsWith("The customers table changed in Supabase: updating the copy");
            till.commit();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> !robot.lookup("#copyUpdate").query().isVisible()));
        assertThat(console.mongo().getCollection("customers").countDocuments(new org.bson.Document("loyalty_points", 0)))
                .isEqualTo(console.mongo().getCollection("customers").countDocuments());
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
