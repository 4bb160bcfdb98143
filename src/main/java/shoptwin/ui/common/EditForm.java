package shoptwin.ui.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import shoptwin.domain.ValidationException;
import shoptwin.store.ConflictException;
import shoptwin.store.NotFoundException;

/**
 * What the edit forms (customer, payment, shop settings) share, held by each form's view model: the
 * fields by name, each with its inline message ({@link FormErrors}) shown once the person changed
 * it; the saving flag; and the answers to a refused save (messages beside the fields, the
 * reload-or-overwrite question, "no longer exists"). The view model keeps what is its own: the
 * draft, how it loads a record, and what Reload and Overwrite mean for it.
 */
public final class EditForm {
    /** The second half of every conflict question. */
    static final String RELOAD_OR_OVERWRITE = "Reload their version (your edits are dropped), or overwrite it with yours?";

    /**
     * Someone else saved first: how to say so and what the two ways out do.
     *
     * @param thing         the record in the question's words: "this customer", "the shop's settings"
     * @param whatHappened  the question's first sentence, from their version (null when it is not known)
     * @param reload        shows their version (null: it is not known, read it again)
     * @param overwrite     saves mine over theirs
     */
    public record Conflict<T>(String thing, Function<T, String> whatHappened, Consumer<T> reload, Runnable overwrite) {
        public Conflict {
            Objects.requireNonNull(thing);
            Objects.requireNonNull(whatHappened);
            Objects.requireNonNull(reload);
            Objects.requireNonNull(overwrite);
        }
    }

    private final List<String> names;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final FormErrors errors;
    private final Map<String, Property<?>> fields = new LinkedHashMap<>();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
    private Runnable onChange = () -> { };
    private boolean filling;

    /** @param fieldNames the fields as the domain's {@code FieldError}s name them */
    public EditForm(List<String> fieldNames, UiExecutor executor, DialogService dialogs) {
        this.names = List.copyOf(fieldNames);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.errors = new FormErrors(names.toArray(String[]::new));
    }

    // ---- fields

    /** Adds a field: a change by the person shows its message from then on, and every change runs {@link #onChange}. */
    public <P extends Property<?>> P add(String field, P property) {
        if (!names.contains(field) || fields.containsKey(field)) {
            throw new IllegalArgumentException(field);
        }
        fields.put(field, property);
        property.addListener((obs, old, now) -> {
            if (!filling) {
                errors.touch(field);
            }
            onChange.run();
        });
        return property;
    }

    public StringProperty addText(String field) {
        return add(field, new SimpleStringProperty(""));
    }

    /** A text field by name (views bind to it, tests type into it). */
    public StringProperty text(String field) {
        if (fields.get(field) instanceof StringProperty p) {
            return p;
        }
        throw new IllegalArgumentException(field);
    }

    /** Runs after any field changed, by the person or by {@link #fill}: the view model revalidates here. */
    public void onChange(Runnable onChange) {
        this.onChange = Objects.requireNonNull(onChange);
    }

    /** Sets the fields from a record; changes made meanwhile are not the person's, so no message shows for them. */
    public void fill(Runnable setFields) {
        filling = true;
        try {
            setFields.run();
        } finally {
            filling = false;
        }
    }

    public boolean isFilling() {
        return filling;
    }

    public FormErrors errors() {
        return errors;
    }

    // ---- saving

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Everything valid and no save running: what Save needs at least. */
    public BooleanBinding validAndIdle() {
        return Bindings.createBooleanBinding(() -> errors.validProperty().get() && !saving.get(), errors.validProperty(), saving);
    }

    /** Why Save is disabled, shown beside it: "Saving…", or what is missing or wrong ("" when it can save). */
    public javafx.beans.binding.StringBinding saveHint() {
        return Bindings.createStringBinding(() -> saving.get() ? "Saving…"
                : errors.validProperty().get() ? "" : "To save: " + errors.missingProperty().get(),
                saving, errors.validProperty(), errors.missingProperty());
    }

    /** Writes in the background; {@code onRefused} gets the store's reason, unwrapped (e.g. to {@link #refused}). */
    public <T> void save(Callable<T> write, Consumer<T> onSaved, Consumer<Throwable> onRefused) {
        saving.set(true);
        errors.setGeneral("");
        BackgroundTask.of(write)
                .onSuccess(onSaved)
                .onFailure(f -> onRefused.accept(UiErrors.unwrap(f)))
                .onFinally(() -> saving.set(false))
                .executeWith(executor);
    }

    /** A refused save where "no longer exists" is a failure like any other. */
    public <T> void refused(Throwable failure, Conflict<T> conflict) {
        refused(failure, conflict, null, null);
    }

    /**
     * A refused save: bad input goes beside its fields; a conflict asks Reload / Overwrite / Cancel; a
     * record deleted meanwhile says so under {@code goneTitle} and runs {@code onGone}; anything else
     * is one line above the fields. Nothing is written in any case.
     */
    public <T> void refused(Throwable failure, Conflict<T> conflict, String goneTitle, Runnable onGone) {
        if (failure instanceof ValidationException v) {
            errors.update(v.errors());
            errors.showAll();
        } else if (failure instanceof ConflictException c) {
            T theirs = c.current();
            DialogService.ConflictChoice choice = dialogs.askConflict("Someone else changed " + conflict.thing(),
                    conflict.whatHappened().apply(theirs) + "\n\n" + RELOAD_OR_OVERWRITE);
            switch (choice) {
                case RELOAD -> conflict.reload().accept(theirs);
                case OVERWRITE -> conflict.overwrite().run();
                case CANCEL -> errors.setGeneral("Not saved: someone else changed " + conflict.thing() + ".");
            }
        } else if (failure instanceof NotFoundException && onGone != null) {
            dialogs.showError(goneTitle, UiErrors.userMessage(failure));
            onGone.run();
        } else {
            UiErrors.logIfUnexpected(failure);
            errors.setGeneral("Not saved. " + UiErrors.userMessage(failure));
        }
    }
}
