package shoptwin.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** The shop's settings as typed. */
public record ShopDraft(
        String name,
        String ownerName,
        String phone,
        String email,
        String address,
        String currency,
        String timezone,
        String taxId,
        String receiptFooter) {

    public static final int NAME_MAX = 200;
    public static final int TAX_ID_MAX = 50;
    public static final int FOOTER_MAX = 500;

    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        Rules.requiredName("name", name, NAME_MAX, errors);
        if (ownerName != null && !ownerName.isBlank()) {
            Rules.requiredName("owner_name", ownerName, NAME_MAX, errors);
        }
        Rules.optionalPhone("phone", phone, CustomerDraft.PHONE_MAX, errors);
        Rules.optionalEmail("email", email, CustomerDraft.EMAIL_MAX, errors);
        Rules.optionalText("address", address, CustomerDraft.ADDRESS_MAX, true, errors);
        if (currency == null || currency.isBlank()) {
            errors.add(new FieldError("currency", "required", "Choose the shop's currency."));
        } else if (!isKnownCurrency(currency.trim())) {
            errors.add(new FieldError("currency", "iso4217",
                    "Currency must be a known ISO 4217 code such as USD, EUR or INR."));
        }
        if (timezone == null || timezone.isBlank()) {
            errors.add(new FieldError("timezone", "required", "Choose the shop's time zone."));
        } else if (!isKnownZone(timezone.trim())) {
            errors.add(new FieldError("timezone", "iana",
                    "Time zone must be a known IANA id such as Europe/London or Asia/Kolkata."));
        }
        Rules.optionalText("tax_id", taxId, TAX_ID_MAX, false, errors);
        Rules.optionalText("receipt_footer", receiptFooter, FOOTER_MAX, true, errors);
        return errors;
    }

    public ShopDraft validated() {
        List<FieldError> errors = errors();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ShopDraft(Rules.trim(name), Rules.blankToNull(ownerName), Rules.blankToNull(phone),
                Rules.blankToNull(email), Rules.blankToNull(address), currency.trim().toUpperCase(Locale.ROOT),
                timezone.trim(), Rules.blankToNull(taxId), Rules.blankToNull(receiptFooter));
    }

    static boolean isKnownCurrency(String code) {
        if (!code.matches("[A-Za-z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isKnownZone(String id) {
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            return false;
        }
        try {
            ZoneId.of(id);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
