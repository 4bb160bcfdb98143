package shoptwin.ui.settings;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import shoptwin.config.HistorySettings;
import shoptwin.config.Secrets;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * The settings dialog: connections, and the history's staff name and days (each refused, naming the field, before
 * anything is written). Saved secrets never come back in clear: URLs are shown masked
 * ("postgresql://postgres:****@db.x.supabase.co/postgres"), the password box stays empty with a
 * note that one is saved, and on save the masked parts are put back from what was stored.
 */
public final class SettingsViewModel {
    /**
     * What the fields suggest: what the README recommends, the session pooler on port 5432 (the
     * transaction pooler, 6543, keeps no session for the mirror's LISTEN and leader lock), and the
     * copy's default database.
     */
    public static final String SUPABASE_URL_EXAMPLE =
            "postgresql://postgres.<project-ref>:<password>@aws-0-<region>.pooler.supabase.com:5432/postgres";
    public static final String MONGO_URI_EXAMPLE = "mongodb+srv://<user>:<password>@cluster0.example.mongodb.net/";
    public static final String MONGO_DATABASE_EXAMPLE = shoptwin.config.MongoSettings.DEFAULT_DATABASE + " (the default)";
    private static final Pattern TRANSACTION_POOLER = Pattern.compile("(?i)^(?:jdbc:)?postgres(?:ql)?://[^/?#]*:6543(?:[/?#]|$)");
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:/?#@\\s]*):([^@\\s/]*)@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)([^&;\\s]*)");

    private final SettingsRepository repository;
    private final ConnectionTester tester;
    private final UiExecutor executor;

    // ---- Properties
    private final StringProperty supabaseUrl = new SimpleStringProperty("");
    private final StringProperty supabasePassword = new SimpleStringProperty("");
    private final StringProperty mongoUri = new SimpleStringProperty("");
    private final StringProperty mongoDatabase = new SimpleStringProperty("");
    private final StringProperty staffName = new SimpleStringProperty("");
    private final StringProperty historyDays = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper staffNameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper historyDaysError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper passwordSaved = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper supabaseResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper supabaseOk = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper testingSupabase = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper mongoResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper mongoOk = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper testingMongo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper supabaseUrlHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper available;
    private ConnectionSettings stored = ConnectionSettings.empty();

    /** {@code repository} or {@code tester} may be null: the dialog then says what it cannot do. */
    public SettingsViewModel(SettingsRepository repository, ConnectionTester tester, UiExecutor executor) {
        this.repository = repository;
        this.tester = tester;
        this.executor = Objects.requireNonNull(executor);
        this.available = new ReadOnlyBooleanWrapper(repository != null);
        supabaseUrl.addListener(o -> supabaseResult.set(""));
        supabaseUrl.addListener((obs, old, now) -> supabaseUrlHint.set(hintFor(now)));
        supabasePassword.addListener(o -> supabaseResult.set(""));
        mongoUri.addListener(o -> mongoResult.set(""));
        mongoDatabase.addListener(o -> mongoResult.set(""));
        staffName.addListener((obs, old, now) -> staffNameError.set(staffNameProblem(now)));
        historyDays.addListener((obs, old, now) -> historyDaysError.set(historyDaysProblem(now)));
    }

    public StringProperty supabaseUrlProperty() {
        return supabaseUrl;
    }

    /** Empty unless the user types a new password. */
    public StringProperty supabasePasswordProperty() {
        return supabasePassword;
    }

    public StringProperty mongoUriProperty() {
        return mongoUri;
    }

    public StringProperty mongoDatabaseProperty() {
        return mongoDatabase;
    }

    /** SHOPTWIN_STAFF_NAME: who this console's changes are recorded as; empty: the computer's user name. */
    public StringProperty staffNameProperty() {
        return staffName;
    }

    /** SHOPTWIN_HISTORY_DAYS: how long the history keeps old versions, whole days; empty: the default. */
    public StringProperty historyDaysProperty() {
        return historyDays;
    }

    /** What is wrong with the typed staff name, naming the field; empty when it can be saved. */
    public ReadOnlyStringProperty staffNameErrorProperty() {
        return staffNameError.getReadOnlyProperty();
    }

    /** What is wrong with the typed history days, naming the field; empty when they can be saved. */
    public ReadOnlyStringProperty historyDaysErrorProperty() {
        return historyDaysError.getReadOnlyProperty();
    }

    /** The field's prompt: what an empty staff name means. */
    public static String staffNamePrompt() {
        String user = System.getProperty("user.name", "");
        return "Empty: this computer's user name" + (user.isBlank() ? "" : " (" + user + ")");
    }

    public static final String HISTORY_DAYS_PROMPT = "Empty: " + HistorySettings.DEFAULT_DAYS + " (the default)";

    static String staffNameProblem(String typed) {
        if (typed == null || typed.isBlank()) {
            return "";
        }
        try {
            HistorySettings.validStaffName(typed);
            return "";
        } catch (IllegalArgumentException e) {
            return "Staff name: " + e.getMessage();
        }
    }

    static String historyDaysProblem(String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty()) {
            return "";
        }
        String range = "a whole number of days from " + HistorySettings.MIN_DAYS + " to " + HistorySettings.MAX_DAYS;
        if (!t.matches("[0-9]{1,9}")) {
            return "History days: \"" + (t.length() > 20 ? t.substring(0, 20) + "…" : t) + "\" is not " + range + ".";
        }
        int days = Integer.parseInt(t);
        if (days < HistorySettings.MIN_DAYS || days > HistorySettings.MAX_DAYS) {
            return "History days: " + days + " is outside the range; enter " + range + ".";
        }
        return "";
    }

    public ReadOnlyBooleanProperty passwordSavedProperty() {
        return passwordSaved.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty supabaseResultProperty() {
        return supabaseResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty supabaseOkProperty() {
        return supabaseOk.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingSupabaseProperty() {
        return testingSupabase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mongoResultProperty() {
        return mongoResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty mongoOkProperty() {
        return mongoOk.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingMongoProperty() {
        return testingMongo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** A word about the typed URL before it is tested: the transaction pooler's port, which the README advises against. */
    public ReadOnlyStringProperty supabaseUrlHintProperty() {
        return supabaseUrlHint.getReadOnlyProperty();
    }

    static String hintFor(String url) {
        String u = url == null ? "" : url.strip();
        if (TRANSACTION_POOLER.matcher(u).find()) {
            return "Port 6543 is Supabase's transaction pooler: the mirror cannot wake up on changes or elect one leader "
                    + "through it. Copy the session pooler (port 5432) or the direct connection instead.";
        }
        return "";
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** False when this build has no settings file to save to. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public String storageDescription() {
        return repository == null ? "" : repository.describe();
    }

    // ---- Commands

    public void load() {
        if (repository == null) {
            error.set("Saving settings is not available in this build; set SHOPTWIN_* environment variables instead.");
            return;
        }
        BackgroundTask.of(repository::load)
                .onSuccess(this::show)
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    error.set("Could not read the settings file. " + UiErrors.userMessage(f));
                })
                .executeWith(executor);
    }

    /** What will be saved: the typed values with the masked secrets put back. */
    public ConnectionSettings effective() {
        String password = supabasePassword.get() == null || supabasePassword.get().isEmpty()
                ? stored.supabasePassword() : supabasePassword.get();
        return new ConnectionSettings(restoreSecrets(supabaseUrl.get(), stored.supabaseUrl()), password,
                restoreSecrets(mongoUri.get(), stored.mongoUri()), mongoDatabase.get(), staffName.get(),
                stripLeadingZeros(historyDays.get()));
    }

    public void testSupabase() {
        if (tester == null) {
            supabaseOk.set(false);
            supabaseResult.set("Testing is not available in this build.");
            return;
        }
        ConnectionSettings s = effective();
        if (s.supabaseUrl().isEmpty()) {
            supabaseOk.set(false);
            supabaseResult.set("Enter the Supabase database URL first (leave it empty to use the demo databases).");
            return;
        }
        testingSupabase.set(true);
        supabaseResult.set("Testing…");
        BackgroundTask.of(() -> tester.testSupabase(s.supabaseUrl(), s.supabasePassword()))
                .onSuccess(r -> {
                    supabaseOk.set(r.ok());
                    supabaseResult.set(clean(r.message(), s));
                })
                .onFailure(f -> {
                    supabaseOk.set(false);
                    supabaseResult.set(clean(UiErrors.userMessage(f), s));
                })
                .onFinally(() -> testingSupabase.set(false))
                .executeWith(executor);
    }

    public void testMongo() {
        if (tester == null) {
            mongoOk.set(false);
            mongoResult.set("Testing is not available in this build.");
            return;
        }
        ConnectionSettings s = effective();
        if (s.mongoUri().isEmpty()) {
            mongoOk.set(false);
            mongoResult.set("Enter the MongoDB URI first.");
            return;
        }
        testingMongo.set(true);
        mongoResult.set("Testing…");
        BackgroundTask.of(() -> tester.testMongo(s.mongoUri(), s.mongoDatabase()))
                .onSuccess(r -> {
                    mongoOk.set(r.ok());
                    mongoResult.set(clean(r.message(), s));
                })
                .onFailure(f -> {
                    mongoOk.set(false);
                    mongoResult.set(clean(UiErrors.userMessage(f), s));
                })
                .onFinally(() -> testingMongo.set(false))
                .executeWith(executor);
    }

    public void save(Runnable onSaved) {
        if (repository == null) {
            return;
        }
        String problem = staffNameProblem(staffName.get()) + " " + historyDaysProblem(historyDays.get());
        if (!problem.isBlank()) {
            error.set("Not saved. " + problem.strip()); // nothing is written while a field is wrong
            return;
        }
        ConnectionSettings s = effective();
        saving.set(true);
        error.set("");
        BackgroundTask.run(() -> repository.save(s))
                .onSuccess(v -> {
                    show(s);
                    onSaved.run();
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    error.set("Not saved. " + clean(UiErrors.userMessage(f), s));
                })
                .onFinally(() -> saving.set(false))
                .executeWith(executor);
    }

    private void show(ConnectionSettings s) {
        stored = s;
        supabaseUrl.set(Secrets.mask(s.supabaseUrl()));
        supabasePassword.set("");
        passwordSaved.set(!s.supabasePassword().isEmpty() || !s.supabaseUrl().equals(Secrets.mask(s.supabaseUrl())));
        mongoUri.set(Secrets.mask(s.mongoUri()));
        mongoDatabase.set(s.mongoDatabase());
        staffName.set(s.staffName());
        historyDays.set(s.historyDays());
        supabaseResult.set("");
        mongoResult.set("");
        error.set("");
    }

    /** Messages from elsewhere are masked again, including the exact secrets we know. */
    private static String clean(String message, ConnectionSettings s) {
        // a password inside a URL is usually percent-encoded there; drivers echo the decoded form
        return Secrets.mask(message == null ? "" : message, List.of(s.supabasePassword(), password(s.supabaseUrl()),
                decoded(password(s.supabaseUrl())), password(s.mongoUri()), decoded(password(s.mongoUri()))));
    }

    /** "090" is saved as "90": the file holds what the console reads back. */
    private static String stripLeadingZeros(String days) {
        String t = days == null ? "" : days.strip();
        return historyDaysProblem(t).isEmpty() && !t.isEmpty() ? String.valueOf(Integer.parseInt(t)) : t;
    }

    private static String decoded(String urlPart) {
        try {
            return java.net.URLDecoder.decode(urlPart.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return urlPart; // a stray '%': the raw form is already in the list
        }
    }

    private static String password(String url) {
        Matcher m = USERINFO_PASSWORD.matcher(url == null ? "" : url);
        return m.find() ? m.group(2) : "";
    }

    /**
     * Puts the stored secret back where the shown text still has the mask: an unchanged URL, or a
     * URL whose host or options were edited but whose password was left as ****.
     */
    static String restoreSecrets(String edited, String original) {
        String e = edited == null ? "" : edited.strip();
        if (original == null || original.isEmpty()) {
            return e;
        }
        if (e.equals(Secrets.mask(original))) {
            return original;
        }
        e = restore(USERINFO_PASSWORD, e, original);
        return restore(PASSWORD_PARAM, e, original);
    }

    private static String restore(Pattern p, String edited, String original) {
        Matcher me = p.matcher(edited);
        Matcher mo = p.matcher(original);
        if (me.find() && mo.find() && me.group(2).equals(Secrets.MASK)) {
            return edited.substring(0, me.start(2)) + mo.group(2) + edited.substring(me.end(2));
        }
        return edited;
    }
}
