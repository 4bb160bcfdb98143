package shoptwin.domain;

import java.time.Instant;
import java.util.UUID;

/** The shop's one settings row. */
public record Shop(
        UUID id,
        String name,
        String ownerName,
        String phone,
        String email,
        String address,
        String currency,
        String timezone,
        String taxId,
        String receiptFooter,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public ShopDraft toDraft() {
        return new ShopDraft(name, ownerName, phone, email, address, currency, timezone, taxId, receiptFooter);
    }
}
