package shoptwin.domain;

import java.util.ArrayList;
import java.util.List;

/** What a person typed for a customer; {@link #validated()} normalises and checks it. */
public record CustomerDraft(String name, String phone, String email, String address, String notes) {

    public static final int NAME_MAX = 200;
    public static final int PHONE_MAX = 32;
    public static final int EMAIL_MAX = 254;
    public static final int ADDRESS_MAX = 500;
    public static final int NOTES_MAX = 2000;

    public static CustomerDraft empty() {
        return new CustomerDraft("", "", "", "", "");
    }

    /** Field errors, empty when the draft is acceptable. */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        Rules.requiredName("name", name, NAME_MAX, errors);
        Rules.optionalPhone("phone", phone, PHONE_MAX, errors);
        Rules.optionalEmail("email", email, EMAIL_MAX, errors);
        Rules.optionalText("address", address, ADDRESS_MAX, true, errors);
        Rules.optionalText("notes", notes, NOTES_MAX, true, errors);
        return errors;
    }

    /** The trimmed draft (blank optional fields become null), or a ValidationException. */
    public CustomerDraft validated() {
        List<FieldError> errors = errors();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new CustomerDraft(
                Rules.trim(name), Rules.blankToNull(phone), Rules.blankToNull(email),
                Rules.blankToNull(address), Rules.blankToNull(notes));
    }
}
