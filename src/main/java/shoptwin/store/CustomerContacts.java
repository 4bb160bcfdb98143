package shoptwin.store;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import shoptwin.domain.CustomerDraft;

/**
 * How an import recognises a customer it already has: the phone by its digits, the e-mail ignoring case,
 * and, for a customer with neither, the name ignoring case. Used both to ask a store which of these it
 * holds and for its answer.
 */
public record CustomerContacts(Set<String> phoneDigits, Set<String> emails, Set<String> names) {
    public CustomerContacts {
        phoneDigits = Set.copyOf(phoneDigits);
        emails = Set.copyOf(emails);
        names = Set.copyOf(names);
    }

    public static final CustomerContacts NONE = new CustomerContacts(Set.of(), Set.of(), Set.of());

    /** The keys of a (validated) draft: its phone digits and lower-cased e-mail, else its lower-cased name. */
    public static CustomerContacts of(CustomerDraft d) {
        return of(java.util.List.of(d));
    }

    public static CustomerContacts of(Collection<CustomerDraft> drafts) {
        Set<String> phones = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (CustomerDraft d : drafts) {
            String digits = PhoneDigits.of(d.phone());
            String email = emailKey(d.email());
            if (!digits.isEmpty()) {
                phones.add(digits);
            }
            if (!email.isEmpty()) {
                emails.add(email);
            }
            if (digits.isEmpty() && email.isEmpty() && d.name() != null) {
                names.add(nameKey(d.name()));
            }
        }
        return new CustomerContacts(phones, emails, names);
    }

    public static String emailKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public static String nameKey(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /** Which key of the draft this set holds, for a message ("phone", "email", "name"), or null. */
    public String matchOf(CustomerDraft d) {
        String digits = PhoneDigits.of(d.phone());
        String email = emailKey(d.email());
        if (!digits.isEmpty() && phoneDigits.contains(digits)) {
            return "phone";
        }
        if (!email.isEmpty() && emails.contains(email)) {
            return "email";
        }
        if (digits.isEmpty() && email.isEmpty() && names.contains(nameKey(d.name()))) {
            return "name";
        }
        return null;
    }

    public boolean isEmpty() {
        return phoneDigits.isEmpty() && emails.isEmpty() && names.isEmpty();
    }
}
