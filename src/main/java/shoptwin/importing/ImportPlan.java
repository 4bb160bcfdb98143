package shoptwin.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.FieldError;
import shoptwin.store.CustomerContacts;
import shoptwin.store.PhoneDigits;
import shoptwin.store.ShopStore;

/**
 * What importing a file would do, before anything is written: the rows to add, the rows refused (each
 * with the domain's own messages, naming the field), and the rows skipped as duplicates. A row is a
 * duplicate when its phone (by digits) or e-mail (ignoring case) already belongs to a customer or to an
 * earlier row that will be added; a row with neither is a duplicate of a customer with neither and the
 * same name. So importing the same file twice adds nothing the second time.
 */
public record ImportPlan(CustomerFile file, List<CustomerFile.Row> toAdd, List<Refused> refused, List<Duplicate> duplicates) {
    /** How many contacts one look-up sends to the database. */
    static final int LOOKUP = 1_000;

    public ImportPlan {
        toAdd = List.copyOf(toAdd);
        refused = List.copyOf(refused);
        duplicates = List.copyOf(duplicates);
    }

    /** A refused row and every reason, e.g. "email: Email must be an email address like name@example.com.". */
    public record Refused(long row, List<FieldError> errors) {
        public String reasons() {
            return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
        }
    }

    /** A skipped row and why: "phone 919876543210 is already a customer's", "same email as row 4". */
    public record Duplicate(long row, String reason) {
    }

    public static ImportPlan prepare(CustomerFile file, ShopStore store) {
        List<CustomerFile.Row> valid = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (CustomerFile.Row r : file.rows()) {
            List<FieldError> errors = r.draft().errors();
            if (errors.isEmpty()) {
                valid.add(new CustomerFile.Row(r.number(), r.draft().validated()));
            } else {
                refused.add(new Refused(r.number(), errors));
            }
        }
        CustomerContacts inDatabase = existing(valid, store);
        Map<String, Long> seen = new HashMap<>();
        List<CustomerFile.Row> toAdd = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        for (CustomerFile.Row r : valid) {
            String why = duplicateReason(r.draft(), inDatabase, seen);
            if (why != null) {
                duplicates.add(new Duplicate(r.number(), why));
                continue;
            }
            for (String key : keys(r.draft())) {
                seen.put(key, r.number());
            }
            toAdd.add(r);
        }
        return new ImportPlan(file, toAdd, refused, duplicates);
    }

    private static CustomerContacts existing(List<CustomerFile.Row> valid, ShopStore store) {
        java.util.Set<String> phones = new java.util.HashSet<>();
        java.util.Set<String> emails = new java.util.HashSet<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int from = 0; from < valid.size(); from += LOOKUP) {
            List<CustomerDraft> chunk = valid.subList(from, Math.min(valid.size(), from + LOOKUP)).stream()
                    .map(CustomerFile.Row::draft).toList();
            CustomerContacts found = store.existingContacts(CustomerContacts.of(chunk));
            phones.addAll(found.phoneDigits());
            emails.addAll(found.emails());
            names.addAll(found.names());
        }
        return new CustomerContacts(phones, emails, names);
    }

    private static String duplicateReason(CustomerDraft d, CustomerContacts inDatabase, Map<String, Long> seen) {
        String match = inDatabase.matchOf(d);
        if (match != null) {
            return switch (match) {
                case "phone" -> "a customer with phone " + d.phone() + " exists already";
                case "email" -> "a customer with email " + d.email() + " exists already";
                default -> "a customer named " + d.name() + " without phone or email exists already";
            };
        }
        for (String key : keys(d)) {
            Long row = seen.get(key);
            if (row != null) {
                return "same " + key.substring(0, key.indexOf(':')) + " as row " + row;
            }
        }
        return null;
    }

    private static List<String> keys(CustomerDraft d) {
        List<String> keys = new ArrayList<>();
        String digits = PhoneDigits.of(d.phone());
        String email = CustomerContacts.emailKey(d.email());
        if (!digits.isEmpty()) {
            keys.add("phone:" + digits);
        }
        if (!email.isEmpty()) {
            keys.add("email:" + email);
        }
        if (keys.isEmpty()) {
            keys.add("name:" + CustomerContacts.nameKey(d.name()));
        }
        return keys;
    }

    /** "120 rows: 100 to add, 5 refused, 15 duplicates." */
    public String summary() {
        int rows = file.rows().size();
        return rows + (rows == 1 ? " row" : " rows") + " in " + file.name() + ": " + toAdd.size() + " to add, "
                + refused.size() + " refused, " + duplicates.size() + (duplicates.size() == 1 ? " duplicate" : " duplicates")
                + " skipped" + (file.blankRows() > 0 ? ", " + file.blankRows() + " empty ignored" : "") + ".";
    }

    /** "Ignored columns: city, dob." or "". */
    public String ignoredColumns() {
        return file.ignoredHeaders().isEmpty() ? "" : "Ignored columns: " + String.join(", ", file.ignoredHeaders()) + ".";
    }
}
