package shoptwin.ui.common;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.domain.FieldError;

/**
 * The inline messages of a form, one per field, from the domain's {@link FieldError}s. A field's
 * message shows once the user changed that field (or after "Validate"/a refused save), so a fresh
 * form is not covered in red. Errors for fields the form does not have go to {@link #generalProperty()}.
 */
public final class FormErrors {
    private final Map<String, ReadOnlyStringWrapper> byField = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper general = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper missing = new ReadOnlyStringWrapper("");
    private final Set<String> shown = new HashSet<>();
    private boolean showAll;
    private List<FieldError> last = List.of();

    public FormErrors(String... fields) {
        for (String f : fields) {
            byField.put(f, new ReadOnlyStringWrapper(""));
        }
    }

    public ReadOnlyStringProperty errorProperty(String field) {
        ReadOnlyStringWrapper w = byField.get(field);
        if (w == null) {
            throw new IllegalArgumentException("no field " + field);
        }
        return w.getReadOnlyProperty();
    }

    public String error(String field) {
        return errorProperty(field).get();
    }

    public ReadOnlyStringProperty generalProperty() {
        return general.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /**
     * Every current message of the form's fields, in the form's order, whether shown beside its field yet or not: what
     * keeps Save disabled, to say from the start ("Name is required.") rather than after a first attempt.
     */
    public ReadOnlyStringProperty missingProperty() {
        return missing.getReadOnlyProperty();
    }

    /** The user changed this field: show its message from now on. */
    public void touch(String field) {
        shown.add(field);
        publish();
    }

    /** Show every message (Validate pressed, or the store refused the input). */
    public void showAll() {
        showAll = true;
        publish();
    }

    /** A fresh form: nothing shown yet. */
    public void reset() {
        shown.clear();
        showAll = false;
        general.set("");
        publish();
    }

    public void setGeneral(String message) {
        general.set(message == null ? "" : message);
    }

    public void update(List<FieldError> errors) {
        last = List.copyOf(errors);
        valid.set(errors.isEmpty());
        StringBuilder all = new StringBuilder();
        for (String field : byField.keySet()) {
            last.stream().filter(e -> e.field().equals(field)).findFirst()
                    .ifPresent(e -> all.append(all.length() > 0 ? " " : "").append(e.message()));
        }
        missing.set(all.toString());
        publish();
    }

    private void publish() {
        Map<String, StringBuilder> messages = new LinkedHashMap<>();
        StringBuilder other = new StringBuilder();
        for (FieldError e : last) {
            if (byField.containsKey(e.field())) {
                messages.computeIfAbsent(e.field(), k -> new StringBuilder());
                StringBuilder sb = messages.get(e.field());
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(e.message());
            } else if (showAll) {
                other.append(other.length() > 0 ? " " : "").append(e.message());
            }
        }
        byField.forEach((field, w) -> {
            boolean visible = showAll || shown.contains(field);
            StringBuilder sb = messages.get(field);
            w.set(visible && sb != null ? sb.toString() : "");
        });
        if (other.length() > 0) {
            general.set(other.toString());
        }
    }
}
