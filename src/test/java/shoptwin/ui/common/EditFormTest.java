package shoptwin.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;
import shoptwin.domain.FieldError;
import shoptwin.domain.ValidationException;
import shoptwin.store.ConflictException;
import shoptwin.store.NotFoundException;
import shoptwin.store.StoreUnavailableException;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

class EditFormTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final EditForm form = new EditForm(List.of("name", "phone"), new SameThreadUiExecutor(), dialogs);
    private final StringProperty name = form.addText("name");
    private final StringProperty phone = form.addText("phone");
    private final List<String> happened = new ArrayList<>();

    private EditForm.Conflict<String> conflict() {
        return new EditForm.Conflict<>("this customer", theirs -> "Someone else saved " + theirs + ".",
                theirs -> happened.add("reload " + theirs), () -> happened.add("overwrite"));
    }

    @Test
    void aFieldsMessageShowsOnceThePersonChangedItNotWhenTheFormIsFilled() {
        form.onChange(() -> form.errors().update(name.get().isBlank()
                ? List.of(new FieldError("name", "required", "Name is required.")) : List.of()));
        form.fill(() -> name.set(" "));
        assertThat(form.errors().error("name")).isEmpty();
        assertThat(form.validAndIdle().get()).isFalse();

        name.set("");
        assertThat(form.errors().error("name")).isEqualTo("Name is required.");
        assertThat(form.errors().error("phone")).isEmpty();
        assertThat(form.text("name")).isSameAs(name);
        assertThatThrownBy(() -> form.text("email")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> form.addText("email")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConflictAsksReloadOrOverwriteAndCancelSaysNothingWasSaved() {
        dialogs.conflictChoice = DialogService.ConflictChoice.RELOAD;
        form.refused(new ConflictException("Customer", "Asha (theirs)"), conflict());
        assertThat(dialogs.conflicts).singleElement().asString().isEqualTo("Someone else saved Asha (theirs).\n\nReload their version (your edits are dropped), or overwrite it with yours?");
        assertThat(happened).containsExactly("reload Asha (theirs)");

        dialogs.conflictChoice = DialogService.ConflictChoice.OVERWRITE;
        form.refused(new ConflictException("Customer", "Asha (theirs)"), conflict());
        assertThat(happened).containsExactly("reload Asha (theirs)", "overwrite");

        dialogs.conflictChoice = DialogService.ConflictChoice.CANCEL;
        form.refused(new ConflictException("Customer", "Asha (theirs)"), conflict());
        assertThat(form.errors().generalProperty().get()).isEqualTo("Not saved: someone else changed this customer.");
    }

    @Test
    void refusedInputGoesBesideItsFieldsAndAGoneRecordIsSaidOnce() {
        form.refused(new ValidationException("phone", "digits", "Phone must have 6 to 15 digits."), conflict());
        assertThat(form.errors().error("phone")).isEqualTo("Phone must have 6 to 15 digits.");

        form.refused(new NotFoundException("Customer"), conflict(), "Customer no longer exists", () -> happened.add("gone"));
        assertThat(dialogs.errors).singleElement().asString().contains("Customer no longer exists");
        assertThat(happened).containsExactly("gone");

        // a form without a 'gone' answer (the shop's one row) treats it like any failure
        form.refused(new NotFoundException("Shop"), conflict());
        assertThat(form.errors().generalProperty().get()).startsWith("Not saved. ");
        form.refused(new StoreUnavailableException("Cannot reach the database.", null), conflict());
        assertThat(form.errors().generalProperty().get()).isEqualTo("Not saved. Cannot reach the database.");
        assertThat(dialogs.errors).hasSize(1);
    }

    @Test
    void savingIsFlaggedWhileTheWriteRunsAndTheRefusalIsUnwrapped() {
        List<Throwable> refused = new ArrayList<>();
        form.save(() -> {
            assertThat(form.savingProperty().get()).isTrue();
            throw new java.util.concurrent.CompletionException(new NotFoundException("Customer"));
        }, saved -> happened.add("saved"), refused::add);
        assertThat(refused).singleElement().isInstanceOf(NotFoundException.class);
        assertThat(form.savingProperty().get()).isFalse();
        assertThat(happened).isEmpty();
    }
}
