package shoptwin.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.Shop;

/**
 * Rows to put into a store for the read-store contract: the shop, customers and payments with
 * fixed ids, versions and timestamps (millisecond precision, as both databases hold them).
 */
public record Dataset(Shop shop, List<Customer> customers, List<Payment> payments) {
    public Dataset {
        customers = List.copyOf(customers);
        payments = List.copyOf(payments);
    }

    static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123Z");

    /** Deterministic ids that differ in their first hex digits, so id order is easy to reason about. */
    public static UUID id(int kind, int n) {
        return UUID.fromString(String.format("%08x-0000-4000-8000-%012x", kind * 0x1000000 + n * 0x10000 + 0x1234, n));
    }

    /**
     * The contract's customers: names that sort differently by case and by accent, ties on the
     * sort key (broken by id), missing phones and emails, LIKE wildcards and regex metacharacters
     * and a would-be MongoDB operator inside names, plus enough plain customers to page through.
     */
    public static Dataset standard() {
        List<Customer> cs = new ArrayList<>();
        int[] n = {0};
        java.util.function.Function<String[], Customer> add = f -> {
            int i = ++n[0];
            Instant created = T0.plusSeconds(3600L * (i % 7)).plusMillis(i % 3); // ties on created_at too
            Instant updated = created.plusSeconds(60L * ((i * 37) % 11));
            Customer c = new Customer(id(1, i), f[0], f[1], f[2], f.length > 3 ? f[3] : null,
                    f.length > 4 ? f[4] : null, 1 + (i % 4), created, updated);
            cs.add(c);
            return c;
        };
        Customer asha = add.apply(new String[] {"Asha Patel", "+91 98765 43210", "asha.patel@example.com",
                "12 MG Road, Pune", "Prefers UPI"});
        add.apply(new String[] {"asha verma", null, "averma@shop.test"});
        Customer bob = add.apply(new String[] {"Bob O'Brien", "020 7946 0000", null, "1 High St"});
        add.apply(new String[] {"Zoë Müller", "+49 30 123456", "zoe@example.de"});
        add.apply(new String[] {"100% Cotton Co_op", "555-0100", "sales@cotton.example"});
        add.apply(new String[] {"Dot.Star (Test) $where", "555-0101", "dot.star@example.com"});
        add.apply(new String[] {"{\"$gt\": \"\"} Traders", "555-0102", "gt@example.com"});
        add.apply(new String[] {"Charlie", null, null});
        add.apply(new String[] {"charlie", "555 0103", null});
        add.apply(new String[] {"Émile Zola", "555-0104", "EMILE@EXAMPLE.FR"});
        add.apply(new String[] {"Back\\slash [bracket] ^caret| pipe?", "555-0105", "b@x.example"});
        for (int i = 1; i <= 14; i++) {
            String pad = String.format("%02d", i);
            add.apply(new String[] {"Customer " + pad, i % 3 == 0 ? null : "700-555-01" + pad,
                    i % 4 == 0 ? null : "customer" + pad + "@mail.example"});
        }

        List<Payment> ps = new ArrayList<>();
        int[] m = {0};
        java.util.function.BiConsumer<Customer, Object[]> pay = (c, f) -> {
            int i = ++m[0];
            Instant paidAt = (Instant) f[1];
            ps.add(new Payment(id(2, i), c.id(), new BigDecimal((String) f[0]), (PaymentMethod) f[2],
                    (String) f[3], null, paidAt, 1, paidAt.plusSeconds(5), paidAt.plusSeconds(5)));
        };
        pay.accept(asha, new Object[] {"1250.50", T0.plusSeconds(86_400), PaymentMethod.UPI, "UPI-1"});
        pay.accept(asha, new Object[] {"99.99", T0.plusSeconds(3 * 86_400), PaymentMethod.CASH, null});
        pay.accept(asha, new Object[] {"0.01", T0.plusSeconds(2 * 86_400), PaymentMethod.CARD, "**** 4242"});
        pay.accept(bob, new Object[] {"10.00", T0.plusSeconds(10 * 86_400), PaymentMethod.BANK_TRANSFER, "NEFT 77"});
        Customer c05 = cs.get(15); // "Customer 05"
        pay.accept(c05, new Object[] {"5.25", T0.plusSeconds(4 * 86_400), PaymentMethod.OTHER, null});
        pay.accept(c05, new Object[] {"7.75", T0.plusSeconds(5 * 86_400), PaymentMethod.CASH, null});

        Shop shop = new Shop(id(3, 1), "Corner Store", "Meera Iyer", "+91 20 2555 0100", "hello@corner.example",
                "4 Station Road, Pune", "INR", "Asia/Kolkata", "27AAAPL1234C1ZV", "Thank you!", 3,
                T0.minusSeconds(86_400), T0);
        return new Dataset(shop, cs, ps);
    }

    public Customer customerNamed(String name) {
        return customers.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    public List<Payment> paymentsOf(UUID customerId) {
        return payments.stream().filter(p -> p.customerId().equals(customerId)).toList();
    }

    /** The expected order of the whole customer list: the contract both stores must follow. */
    public List<Customer> sorted(CustomerSort sort, boolean ascending) {
        Comparator<Customer> byKey = Comparator.comparing(c -> key(c, sort, this),
                Comparator.nullsFirst(Comparator.<Comparable<Object>>naturalOrder()));
        Comparator<Customer> order = byKey.thenComparing(c -> c.id().toString());
        if (!ascending) {
            order = order.reversed();
        }
        return customers.stream().sorted(order).toList();
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> key(Customer c, CustomerSort sort, Dataset data) {
        Object k = switch (sort) {
            case TOTAL_PAID -> data.paymentsOf(c.id()).stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            case LAST_PAID -> data.paymentsOf(c.id()).stream().map(Payment::paidAt).max(Comparator.naturalOrder()).orElse(null);
            case NAME -> c.name().toLowerCase(java.util.Locale.ROOT);
            case PHONE -> c.phone();
            case EMAIL -> c.email();
            case CREATED_AT -> c.createdAt();
            case UPDATED_AT -> c.updatedAt();
        };
        return (Comparable<Object>) k;
    }

    public Optional<Shop> shopRow() {
        return Optional.ofNullable(shop);
    }
}
