package shoptwin.store.journal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.store.ConflictException;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.NotFoundException;
import shoptwin.store.ShopStore;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.JournalEntry.Op;

/**
 * Turns a save on the backup into its journal entry: the fields a person changed (for an update, only those,
 * with what they were when the person started editing), the version they saw, what it follows; appends it;
 * and answers with the row as the screens will now show it. Optimistic as in Supabase: saving over a version
 * someone else moved on (on this or another console) is a {@link ConflictException} with the current row.
 *
 * <p>A save whose answer was lost (MongoDB stopped answering mid-way) may still have been written. When the
 * person saves the same thing again, the same entry (same {@code _id}) is written again, which MongoDB
 * ignores as a duplicate: a retry never makes a second customer or a second payment.
 */
final class JournalChanges {
    private static final int UNCONFIRMED_KEPT = 100;

    private final Journal journal;
    private final Supplier<String> madeBy;
    private final Clock clock;
    private Instant lastMadeAt = Instant.EPOCH;
    /** Saves whose answer did not come, by what was asked: asked again, the same entry is written again. */
    private final Map<String, Unconfirmed> unconfirmed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Unconfirmed> eldest) {
            return size() > UNCONFIRMED_KEPT;
        }
    };

    private record Unconfirmed(JournalEntry entry, Object result) {
    }

    JournalChanges(Journal journal, Supplier<String> madeBy, Clock clock) {
        this.journal = journal;
        this.madeBy = madeBy;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ customers

    Customer createCustomer(CustomerDraft d) {
        String ask = "customers|insert|" + d;
        return retried(ask, Customer.class).orElseGet(() -> {
            UUID id = UUID.randomUUID();
            Instant at = nextMadeAt();
            Map<String, Object> fields = customerFields(d);
            JournalEntry e = JournalEntry.pending(UUID.randomUUID().toString(), MirrorTable.CUSTOMERS, Op.INSERT, id, fields,
                    null, null, at, who(), List.of(), null, null);
            Customer c = new Customer(id, d.name(), d.phone(), d.email(), d.address(), d.notes(), 1, at, at);
            return append(ask, e, c);
        });
    }

    Customer updateCustomer(JournalOverlay o, UUID id, long expectedVersion, CustomerDraft d,
            BiFunction<JournalOverlay, UUID, Optional<Customer>> customerIn) {
        String ask = "customers|update|" + id + "|" + expectedVersion + "|" + d;
        return retried(ask, Customer.class).orElseGet(() -> {
            Customer current = customerIn.apply(o, id).orElseThrow(() -> new NotFoundException("Customer"));
            if (expectedVersion != ShopStore.ANY_VERSION && current.version() != expectedVersion) {
                throw new ConflictException("Customer " + current.name(), current);
            }
            Map<String, Object> was = customerFields(current.toDraft());
            Map<String, Object> now = customerFields(d);
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, Object> before = new LinkedHashMap<>();
            changed(was, now, fields, before);
            if (fields.isEmpty()) {
                return current; // nothing changed: nothing to send to Supabase
            }
            Instant at = nextMadeAt();
            JournalEntry e = JournalEntry.pending(UUID.randomUUID().toString(), MirrorTable.CUSTOMERS, Op.UPDATE, id, fields,
                    before, current.version(), at, who(), follows(o.customer(id)), null, null);
            Customer c = new Customer(id, d.name(), d.phone(), d.email(), d.address(), d.notes(), current.version() + 1,
                    current.createdAt(), at);
            return append(ask, e, c);
        });
    }

    DeletedCustomer deleteCustomer(JournalOverlay o, Customer current, List<UUID> payments) {
        String ask = "customers|delete|" + current.id() + "|" + current.version();
        return retried(ask, DeletedCustomer.class).orElseGet(() -> {
            JournalEntry e = JournalEntry.pending(UUID.randomUUID().toString(), MirrorTable.CUSTOMERS, Op.DELETE, current.id(),
                    null, customerFields(current.toDraft()), current.version(), nextMadeAt(), who(),
                    follows(o.customer(current.id())), payments, null);
            return append(ask, e, new DeletedCustomer(current.id(), payments.size()));
        });
    }

    static Map<String, Object> customerFields(CustomerDraft d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("phone", blankToNull(d.phone()));
        m.put("email", blankToNull(d.email()));
        m.put("address", blankToNull(d.address()));
        m.put("notes", blankToNull(d.notes()));
        return m;
    }

    // ------------------------------------------------------------------ payments

    Payment createPayment(JournalOverlay o, PaymentDraft d, Customer customer) {
        String ask = "payments|insert|" + d;
        return retried(ask, Payment.class).orElseGet(() -> {
            UUID id = UUID.randomUUID();
            Instant at = nextMadeAt();
            Map<String, Object> fields = paymentFields(d);
            Map<String, Object> seen = customerFields(customer.toDraft());
            JournalEntry e = JournalEntry.pending(UUID.randomUUID().toString(), MirrorTable.PAYMENTS, Op.INSERT, id, fields,
                    null, null, at, who(), follows(o.customer(customer.id())), null, seen);
            Payment p = new Payment(id, d.customerId(), d.amountValue(), d.method(), d.reference(), d.note(), d.paidAt(), 1, at, at);
            return append(ask, e, p);
        });
    }

    Payment updatePayment(JournalOverlay o, Payment current, long expectedVersion, PaymentDraft d) {
        String ask = "payments|update|" + current.id() + "|" + expectedVersion + "|" + d;
        return retried(ask, Payment.class).orElseGet(() -> {
            if (expectedVersion != ShopStore.ANY_VERSION && current.version() != expectedVersion) {
                throw new ConflictException("Payment", current);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, Object> before = new LinkedHashMap<>();
            changed(paymentFields(current.toDraft()), paymentFields(d), fields, before);
            if (fields.isEmpty()) {
                return current;
            }
            Instant at = nextMadeAt();
            List<String> follows = new ArrayList<>(follows(o.payment(current.id())));
            follows.addAll(follows(o.customer(d.customerId())));
            JournalEntry e = JournalEntry.pending(UUID.randomUUID().toString(), MirrorTable.PAYMENTS, Op.UPDATE, current.id(),
                    fields, before, current.version(), at, who(), follows, null, null);
            Payment p = new Payment(current.id(), d.customerId(), d.amountValue(), d.method(), d.reference(), d.note(),
                    d.paidAt(), current.version() + 1, current.createdAt(), at);
            return append(ask, e, p);
        });
    }

    void deletePayment(JournalOverlay o, Payment current) {
        String ask = "payments|delete|" + current.id() + "|" + current.version();
        retried(ask, Object.class).orElseGet(() -> {
            JournalEntry e = JournalEntry.pending(UUID.randomUUID().toString(), MirrorTable.PAYMENTS, Op.DELETE, current.id(),
                    null, paymentFields(current.toDraft()), current.version(), nextMadeAt(), who(), follows(o.payment(current.id())),
                    null, null);
            return append(ask, e, Boolean.TRUE);
        });
    }

    static Map<String, Object> paymentFields(PaymentDraft d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customer_id", d.customerId().toString());
        m.put("amount", d.amountValue());
        m.put("method", d.method().code());
        m.put("reference", blankToNull(d.reference()));
        m.put("note", blankToNull(d.note()));
        m.put("paid_at", JournaledBackupStore.millis(d.paidAt()));
        return m;
    }

    // ------------------------------------------------------------------ plumbing

    /** The fields whose value differs, with their new value (into {@code fields}) and the old one (into {@code before}). */
    private static void changed(Map<String, Object> was, Map<String, Object> now, Map<String, Object> fields,
            Map<String, Object> before) {
        for (Map.Entry<String, Object> f : now.entrySet()) {
            Object old = was.get(f.getKey());
            if (!JournalValues.same(old, f.getValue()) || f.getValue() instanceof BigDecimal b && old instanceof BigDecimal a
                    && a.scale() != b.scale()) {
                fields.put(f.getKey(), f.getValue());
                before.put(f.getKey(), old);
            }
        }
    }

    private static List<String> follows(JournalOverlay.Row row) {
        return row == null || row.lastPendingEntry() == null ? List.of() : List.of(row.lastPendingEntry());
    }

    private String who() {
        String w = madeBy.get();
        w = w == null || w.isBlank() ? "unknown" : w.strip();
        return w.length() > 200 ? w.substring(0, 200) : w;
    }

    /** Now at milliseconds, always after the last entry this console made: its own entries keep their order. */
    private synchronized Instant nextMadeAt() {
        Instant now = JournaledBackupStore.millis(clock.instant());
        lastMadeAt = now.isAfter(lastMadeAt) ? now : lastMadeAt.plusMillis(1);
        return lastMadeAt;
    }

    private <T> Optional<T> retried(String ask, Class<T> type) {
        Unconfirmed u;
        synchronized (unconfirmed) {
            u = unconfirmed.get(ask);
        }
        if (u == null) {
            return Optional.empty();
        }
        journal.append(u.entry()); // a duplicate if the first try was written after all: then a no-op
        synchronized (unconfirmed) {
            unconfirmed.remove(ask);
        }
        return Optional.of(type.cast(u.result()));
    }

    private <T> T append(String ask, JournalEntry e, T result) {
        synchronized (unconfirmed) {
            unconfirmed.put(ask, new Unconfirmed(e, result));
        }
        journal.append(e);
        synchronized (unconfirmed) {
            unconfirmed.remove(ask);
        }
        return result;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "JournalChanges[" + Objects.toString(journal) + "]";
    }
}
