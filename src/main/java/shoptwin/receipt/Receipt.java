package shoptwin.receipt;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import shoptwin.domain.Customer;
import shoptwin.domain.Money;
import shoptwin.domain.Payment;
import shoptwin.domain.Shop;
import shoptwin.store.NotFoundException;
import shoptwin.store.ShopStore;
import shoptwin.store.StoreException;

/**
 * What a receipt says, already in the shop's words: the shop (name, address, phone, tax id), the
 * receipt's number, date and time in the shop's time zone, the customer, the amount in the shop's
 * currency, method, reference and note, and the shop's receipt footer. Printing and PDF lay it out.
 */
public record Receipt(String shopName, List<String> shopLines, String number, String paidAt, String customer,
                      String amount, String method, String reference, String note, String footer, String paymentId) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    public Receipt {
        shopLines = List.copyOf(shopLines);
    }

    public static Receipt of(Shop shop, Customer customer, Payment payment, Locale locale) {
        ZoneId zone;
        try {
            zone = ZoneId.of(shop.timezone());
        } catch (DateTimeException | NullPointerException e) {
            zone = ZoneId.of("UTC");
        }
        List<String> lines = new ArrayList<>();
        if (shop.address() != null) {
            lines.add(shop.address());
        }
        if (shop.phone() != null) {
            lines.add("Phone " + shop.phone());
        }
        if (shop.email() != null) {
            lines.add(shop.email());
        }
        if (shop.taxId() != null) {
            lines.add("Tax ID " + shop.taxId());
        }
        return new Receipt(shop.name(), lines, number(payment.id()),
                WHEN.format(payment.paidAt().atZone(zone)) + " (" + zone.getId() + ")",
                customer == null ? "" : customer.name(),
                Money.format(payment.amount(), shop.currency(), locale), payment.method().label(),
                payment.reference(), payment.note(), shop.receiptFooter(), payment.id().toString());
    }

    /** The receipt of a payment as the store holds it now. */
    public static Receipt load(ShopStore store, UUID paymentId, Locale locale) {
        Payment p = store.getPayment(paymentId).orElseThrow(() ->
                new StoreException("There is no payment with id " + paymentId + "."));
        Shop shop = store.getShop().orElseThrow(() ->
                new StoreException("The shop has no settings yet (name, address, currency): fill in Shop settings first."));
        Customer c = store.getCustomer(p.customerId()).orElseThrow(() -> new NotFoundException("The payment's customer"));
        return of(shop, c, p, locale);
    }

    /** A short receipt number people can read out: the payment id's first eight digits. */
    static String number(UUID id) {
        return id.toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    /** Label and value rows, in order; empty values are left out. */
    public List<String[]> details() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Receipt", number});
        rows.add(new String[] {"Date", paidAt});
        rows.add(new String[] {"Customer", customer});
        rows.add(new String[] {"Method", method});
        if (reference != null && !reference.isBlank()) {
            rows.add(new String[] {"Reference", reference});
        }
        if (note != null && !note.isBlank()) {
            rows.add(new String[] {"Note", note});
        }
        return rows;
    }
}
