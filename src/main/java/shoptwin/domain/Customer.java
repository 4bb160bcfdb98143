package shoptwin.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored customer. {@code version} is maintained by the database (bumped on every update by
 * any writer) and is what optimistic concurrency compares.
 */
public record Customer(
        UUID id,
        String name,
        String phone,
        String email,
        String address,
        String notes,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public CustomerDraft toDraft() {
        return new CustomerDraft(name, phone, email, address, notes);
    }
}
