package shoptwin.ui.outage;

import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import shoptwin.ui.common.Forms;

/** The outage screen in a window of its own, beside the console (staff keep working while they decide). */
public final class OutageWindow extends Stage {
    private final OutageViewModel vm;

    public OutageWindow(OutageViewModel vm, Window owner) {
        this.vm = vm;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Changes made during the outage");
        Scene scene = new Scene(new OutageView(vm), 1000, 640);
        scene.getStylesheets().add(Forms.stylesheet());
        setScene(scene);
    }

    /** Shows it (or brings it to the front) and reads the journal again. */
    public void open() {
        vm.load();
        if (isShowing()) {
            toFront();
        } else {
            show();
        }
    }
}
