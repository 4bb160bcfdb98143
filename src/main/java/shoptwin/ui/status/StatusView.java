package shoptwin.ui.status;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.store.copy.MirrorTable;

/**
 * The Sync status screen: cards for Supabase, MongoDB, the mirror and its leader; the mirror's
 * figures; a chart of the last hour; Verify / Resync with progress per table; recent errors; and in
 * demo mode the outage drill. Only binds, each section to its own view model in {@link StatusViewModel}.
 */
public final class StatusView extends ScrollPane {
    public static final String STYLESHEET = "/shoptwin/ui/status/status.css";

    private final DatabasesViewModel databases;
    private final MirrorHealthViewModel mirror;
    private final SyncJobsViewModel jobs;
    private final WaysOutViewModel waysOut;
    private final OutageDrillViewModel drill;

    public StatusView(StatusViewModel vm) {
        this.databases = vm.databases();
        this.mirror = vm.mirror();
        this.jobs = vm.jobs();
        this.waysOut = vm.waysOut();
        this.drill = vm.drill();
        setId("statusScreen");
        setFitToWidth(true);
        getStyleClass().add("status-scroll");
        getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
        VBox page = new VBox(16);
        page.getStyleClass().addAll("screen", "status-page");
        Node chart = chartSection();
        Node errors = errorsSection();
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox chartAndErrors = new HBox(16, chart, errors);
        page.getChildren().addAll(header(), lagWarning(), cards(), decision(), figures(), chartAndErrors, jobsSection());
        if (drill.drillAvailable()) {
            page.getChildren().add(drillSection());
        }
        setContent(page);
    }

    // ------------------------------------------------------------------ sections

    private Node header() {
        Label title = new Label("Sync status");
        title.getStyleClass().add(Styles.TITLE_3);
        Label sub = new Label("Every change saved in Supabase is copied to MongoDB by the mirror. This page shows it working.");
        sub.getStyleClass().add("muted");
        sub.setWrapText(true);
        return new VBox(4, title, sub);
    }

    /** The copy falling behind, in one sentence; shown only while it is (the status bar says the same). */
    private Node lagWarning() {
        Label l = new Label();
        l.setId("lagWarning");
        l.setWrapText(true);
        l.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        l.getStyleClass().add("lag-warning");
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(mirror.lagWarningProperty());
        l.visibleProperty().bind(mirror.lagWarningProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /**
     * Shown only while the mirror waits for a person's decision (Supabase went back in time, another database's copy):
     * the sentence, and the two ways out as buttons; their progress and result show in the jobs area below.
     */
    private Node decision() {
        Label l = new Label();
        l.setId("mirrorDecision");
        l.getStyleClass().add(Styles.DANGER);
        l.setWrapText(true);
        l.textProperty().bind(mirror.decisionProperty());
        l.visibleProperty().bind(mirror.decisionProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        Button recover = new Button("Bring the backup's newer data back into Supabase…", new FontIcon(Feather.UPLOAD));
        recover.setId("recoverButton");
        recover.getStyleClass().add(Styles.ACCENT);
        recover.setTooltip(new javafx.scene.control.Tooltip("Shows what it would bring back, per table, before anything is written"));
        Button rebase = new Button("Rebase the backup on Supabase as it is now…", new FontIcon(Feather.REFRESH_CCW));
        rebase.setId("rebaseButton");
        rebase.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        rebase.setTooltip(new javafx.scene.control.Tooltip("Replaces the whole backup with Supabase as it is now"));
        var blocked = jobs.busyBinding().or(waysOut.unavailableProperty().isNotEmpty());
        for (Button b : new Button[] {recover, rebase}) {
            b.disableProperty().bind(blocked);
        }
        recover.visibleProperty().bind(waysOut.recoverOfferedProperty());
        recover.managedProperty().bind(recover.visibleProperty());
        rebase.visibleProperty().bind(waysOut.rebaseOfferedProperty());
        rebase.managedProperty().bind(rebase.visibleProperty());
        recover.setOnAction(e -> waysOut.recover());
        rebase.setOnAction(e -> waysOut.rebase());
        Label why = new Label();
        why.setId("waysOutUnavailable");
        why.setWrapText(true);
        why.getStyleClass().add(Styles.WARNING);
        why.textProperty().bind(waysOut.unavailableProperty());
        why.visibleProperty().bind(waysOut.unavailableProperty().isNotEmpty());
        why.managedProperty().bind(why.visibleProperty());
        HBox buttons = new HBox(8, recover, rebase, why);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.visibleProperty().bind(waysOut.rebaseOfferedProperty());
        buttons.managedProperty().bind(buttons.visibleProperty());
        VBox box = new VBox(8, l, buttons);
        box.visibleProperty().bind(l.visibleProperty().or(buttons.visibleProperty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node cards() {
        HBox row = new HBox(12,
                card("Supabase (PostgreSQL)", Feather.DATABASE, databases.supabaseLevelProperty(), databases.supabaseTextProperty(), databases.supabaseErrorProperty(), "supabaseStatus"),
                card("MongoDB backup", Feather.HARD_DRIVE, databases.mongoLevelProperty(), databases.mongoTextProperty(), databases.mongoErrorProperty(), "mongoStatus"),
                mirrorCard(),
                card("Leader", Feather.MONITOR, null, mirror.leaderProperty(), null, "leader"));
        for (Node n : row.getChildren()) {
            HBox.setHgrow(n, Priority.ALWAYS);
        }
        return row;
    }

    /** The mirror's card, and one line under its state while a table's documents follow a column change. */
    private Node mirrorCard() {
        VBox card = (VBox) card("Mirror", Feather.REFRESH_CW, mirror.mirrorLevelProperty(), mirror.mirrorStateProperty(), null, "mirrorState");
        Label update = new Label();
        update.setId("copyUpdate");
        update.setWrapText(true);
        update.textProperty().bind(mirror.copyUpdateProperty());
        update.visibleProperty().bind(mirror.copyUpdateProperty().isNotEmpty());
        update.managedProperty().bind(update.visibleProperty());
        card.getChildren().add(update);
        return card;
    }

    private Node card(String title, Feather icon, ReadOnlyObjectProperty<StatusLevel> level, ReadOnlyStringProperty text,
            ReadOnlyStringProperty detail, String id) {
        Label t = new Label(title, new FontIcon(icon));
        t.getStyleClass().add("card-title");
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("card-value");
        value.setWrapText(true);
        value.textProperty().bind(text);
        if (detail != null) {
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
            tip.setWrapText(true);
            tip.setMaxWidth(600);
            tip.textProperty().bind(detail);
            detail.addListener((obs, old, now) -> value.setTooltip(now == null || now.isEmpty() ? null : tip));
        }
        HBox line = new HBox(8);
        line.setAlignment(Pos.TOP_LEFT);
        if (level != null) {
            Circle dot = new Circle(6);
            dot.getStyleClass().add("status-dot");
            dot.setId(id + "Dot");
            level.addListener((obs, old, now) -> colour(dot, now));
            colour(dot, level.get());
            HBox.setMargin(dot, new Insets(4, 0, 0, 0));
            line.getChildren().add(dot);
        }
        line.getChildren().add(value);
        VBox card = new VBox(6, t, line);
        card.getStyleClass().add("status-card");
        card.setMinWidth(180);
        card.setPrefWidth(240);
        return card;
    }

    private static void colour(Circle dot, StatusLevel level) {
        dot.getStyleClass().removeAll("ok", "warning", "danger");
        switch (level == null ? StatusLevel.UNKNOWN : level) {
            case OK -> dot.getStyleClass().add("ok");
            case WARNING -> dot.getStyleClass().add("warning");
            case DANGER -> dot.getStyleClass().add("danger");
            case UNKNOWN -> { }
        }
    }

    private Node figures() {
        Button retry = new Button("Retry parked", new FontIcon(Feather.ROTATE_CW));
        retry.setId("retryParked");
        retry.getStyleClass().add(Styles.SMALL);
        retry.disableProperty().bind(mirror.parkedCountProperty().isEqualTo(0).or(jobs.retryingParkedProperty()));
        retry.setVisible(jobs.actionsAvailable());
        retry.setOnAction(e -> jobs.retryParked());
        HBox parked = new HBox(8, figureValue(mirror.parkedProperty(), "parked"), retry);
        parked.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("figures");
        grid.setHgap(24);
        grid.setVgap(4);
        addFigure(grid, 0, "Backlog", figureValue(mirror.backlogProperty(), "backlog"), "Changes waiting in the change log to reach MongoDB");
        addFigure(grid, 1, "Lag", figureValue(mirror.lagProperty(), "lag"), "How long the oldest waiting change has waited");
        addFigure(grid, 2, "Last success", figureValue(mirror.lastSuccessProperty(), "lastSuccess"), "When a batch last reached MongoDB");
        addFigure(grid, 3, "Changes / minute", figureValue(mirror.changesPerMinuteProperty(), "changesPerMinute"), "Changes mirrored during the last minute");
        addFigure(grid, 4, "Parked", parked, "Changes MongoDB refused for their own document's sake, kept for a retry");
        for (int i = 0; i < 5; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.SOMETIMES);
            cc.setMinWidth(120);
            grid.getColumnConstraints().add(cc);
        }
        grid.getStyleClass().add("status-card");
        return grid;
    }

    private static Label figureValue(ReadOnlyStringProperty text, String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("figure-value");
        l.textProperty().bind(text);
        return l;
    }

    private static void addFigure(GridPane grid, int column, String title, Node value, String tip) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        t.setTooltip(new javafx.scene.control.Tooltip(tip));
        grid.add(t, column, 0);
        grid.add(value, column, 1);
    }

    private Node chartSection() {
        return new SyncCharts(mirror, sectionTitle("Backlog and lag (up to the last hour)"));
    }

    private Node jobsSection() {
        Label title = sectionTitle("Check and repair the copy");
        Button verify = new Button("Verify", new FontIcon(Feather.CHECK_SQUARE));
        verify.setId("verifyButton");
        verify.setTooltip(new javafx.scene.control.Tooltip("Compare every row in Supabase with its document in MongoDB"));
        Button resync = new Button("Resync now", new FontIcon(Feather.REFRESH_CCW));
        resync.setId("resyncButton");
        resync.getStyleClass().add(Styles.ACCENT);
        resync.setTooltip(new javafx.scene.control.Tooltip("Rebuild the MongoDB copy from a snapshot of Supabase"));
        Button cancel = new Button("Cancel", new FontIcon(Feather.X));
        cancel.setId("cancelJob");
        var busy = jobs.busyBinding();
        var needed = jobs.unavailableProperty().isNotEmpty();
        verify.disableProperty().bind(busy.or(needed));
        resync.disableProperty().bind(busy.or(needed));
        cancel.disableProperty().bind(jobs.cancellableBinding().not().or(jobs.cancellingProperty()));
        verify.setOnAction(e -> jobs.verify());
        resync.setOnAction(e -> jobs.resync());
        cancel.setOnAction(e -> jobs.cancel());
        // a disabled button gets no hover: the reason stands beside them
        Label why = new Label();
        why.setId("jobsUnavailable");
        why.setWrapText(true);
        why.getStyleClass().add(Styles.WARNING);
        why.textProperty().bind(jobs.unavailableProperty());
        why.visibleProperty().bind(needed);
        why.managedProperty().bind(why.visibleProperty());
        HBox buttons = new HBox(8, verify, resync, cancel, why);
        buttons.setAlignment(Pos.CENTER_LEFT);
        if (!jobs.actionsAvailable()) {
            buttons.setDisable(true);
        }

        GridPane bars = new GridPane();
        bars.setHgap(12);
        bars.setVgap(6);
        int row = 0;
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            Label name = new Label(t.tableName() + " → " + t.collectionName());
            ProgressBar bar = new ProgressBar();
            bar.setId("progress-" + t.tableName());
            bar.setPrefWidth(320);
            bar.progressProperty().bind(jobs.progressProperty(t));
            Label text = new Label();
            text.setId("progressText-" + t.tableName());
            text.getStyleClass().add("muted");
            text.textProperty().bind(jobs.progressTextProperty(t));
            bars.addRow(row++, name, bar, text);
        }
        bars.visibleProperty().bind(Bindings.createBooleanBinding(() -> jobs.jobProperty().get() != SyncJobsViewModel.Job.NONE
                || jobs.progressProperty(MirrorTable.CUSTOMERS).get() > 0, jobs.jobProperty(), jobs.progressProperty(MirrorTable.CUSTOMERS)));
        bars.managedProperty().bind(bars.visibleProperty());

        Label message = new Label();
        message.setId("jobMessage");
        message.setWrapText(true);
        message.textProperty().bind(jobs.jobMessageProperty());

        TableView<SyncJobsViewModel.VerifyRow> table = new TableView<>(jobs.verifyRows());
        table.setId("verifyTable");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.getColumns().add(col("Table", 170, SyncJobsViewModel.VerifyRow::table));
        table.getColumns().add(col("Rows", 80, r -> StatusFormat.count(r.rows())));
        table.getColumns().add(col("Documents", 90, r -> StatusFormat.count(r.documents())));
        table.getColumns().add(col("Missing", 75, r -> StatusFormat.count(r.missing())));
        table.getColumns().add(col("Extra", 70, r -> StatusFormat.count(r.extra())));
        table.getColumns().add(col("Different", 80, r -> StatusFormat.count(r.different())));
        table.getColumns().add(col("Sample ids", 420, SyncJobsViewModel.VerifyRow::sampleIds));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(28);
        table.setPrefHeight(28 * 4 + 6);
        table.setMinHeight(28 * 4 + 6);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> jobs.jobProperty().get() == SyncJobsViewModel.Job.VERIFY
                ? "Comparing every row with its document…" : jobs.unavailableProperty().get().isEmpty()
                ? "Press Verify to compare Supabase and MongoDB." : "No comparison while a database is not answering.",
                jobs.jobProperty(), jobs.unavailableProperty()));
        table.setPlaceholder(placeholder);
        table.setRowFactory(tv -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(SyncJobsViewModel.VerifyRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("verify-different");
                if (!empty && item != null && !item.isEqual()) {
                    getStyleClass().add("verify-different");
                }
            }
        });
        VBox box = new VBox(10, title, buttons, bars, message, table);
        box.getStyleClass().add("status-section");
        return box;
    }

    private static TableColumn<SyncJobsViewModel.VerifyRow, String> col(String title, double width,
            java.util.function.Function<SyncJobsViewModel.VerifyRow, String> text) {
        TableColumn<SyncJobsViewModel.VerifyRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    private Node errorsSection() {
        Label title = sectionTitle("Recent errors");
        ListView<String> list = new ListView<>(mirror.recentErrors());
        list.setId("recentErrors");
        list.setPrefHeight(200);
        list.setMinHeight(80);
        list.getStyleClass().add(Styles.DENSE);
        list.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0);
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        Label none = new Label("No errors. (Passwords and keys are never shown here.)");
        none.setWrapText(true);
        list.setPlaceholder(none);
        VBox box = new VBox(6, title, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPrefWidth(420);
        box.setMinWidth(300);
        return box;
    }

    private Node drillSection() {
        Label title = sectionTitle("Outage drill (demo databases only)");
        Label explain = new Label("Stop a database to see what ShopTwin does: the backlog grows while MongoDB is away, "
                + "the banner offers the backup while Supabase is away, and everything catches up when they return.");
        explain.setWrapText(true);
        explain.getStyleClass().add("muted");
        Button supabase = new Button();
        supabase.setId("drillSupabase");
        supabase.textProperty().bind(Bindings.when(drill.supabaseStoppedProperty()).then("Restore Supabase").otherwise("Simulate Supabase outage"));
        supabase.graphicProperty().bind(Bindings.when(drill.supabaseStoppedProperty())
                .<Node>then(new FontIcon(Feather.PLAY)).otherwise(new FontIcon(Feather.POWER)));
        supabase.disableProperty().bind(drill.drillBusyProperty());
        supabase.setOnAction(e -> drill.toggleSupabaseOutage());
        Button mongo = new Button();
        mongo.setId("drillMongo");
        mongo.textProperty().bind(Bindings.when(drill.mongoStoppedProperty()).then("Restore MongoDB").otherwise("Simulate MongoDB outage"));
        mongo.graphicProperty().bind(Bindings.when(drill.mongoStoppedProperty())
                .<Node>then(new FontIcon(Feather.PLAY)).otherwise(new FontIcon(Feather.POWER)));
        mongo.disableProperty().bind(drill.drillBusyProperty());
        mongo.setOnAction(e -> drill.toggleMongoOutage());
        for (Button b : new Button[] {supabase, mongo}) {
            b.getStyleClass().add(Styles.BUTTON_OUTLINED);
        }
        Label message = new Label();
        message.setId("drillMessage");
        message.setWrapText(true);
        message.textProperty().bind(drill.drillMessageProperty());
        HBox buttons = new HBox(8, supabase, mongo, new Spacer());
        VBox box = new VBox(8, title, explain, buttons, message);
        box.getStyleClass().addAll("status-section", "drill");
        return box;
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
