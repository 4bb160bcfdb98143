package shoptwin.reliability;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ShopDraft;

/** The table of bad input: each row is what someone might type (or paste, or inject) and the field that must be blamed. */
final class BadInputCases {
    private BadInputCases() {
    }

    static final String LONE_HIGH = "\uD800";
    static final String LONE_LOW = "\uDC00";

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    /** A customer as typed; the valid base is "Asha Rao" with nothing else. */
    record CustomerCase(String label, String field, String name, String phone, String email, String address, String notes) {
        CustomerDraft draft() {
            return new CustomerDraft(name, phone, email, address, notes);
        }

        @Override
        public String toString() {
            return "customer " + field + ": " + label;
        }
    }

    /** A payment as typed; the valid base is 12.50 in cash today for an existing customer. */
    record PaymentCase(String label, String field, boolean noCustomer, String amount, PaymentMethod method,
            String reference, String note, Instant paidAt) {
        @Override
        public String toString() {
            return "payment " + field + ": " + label;
        }
    }

    /** The shop's settings as typed; the valid base is Corner Shop in INR, Asia/Kolkata. */
    record ShopCase(String label, String field, ShopDraft draft) {
        @Override
        public String toString() {
            return "shop " + field + ": " + label;
        }
    }

    private static CustomerCase name(String label, String name) {
        return new CustomerCase(label, "name", name, null, null, null, null);
    }

    private static CustomerCase customer(String label, String field, String value) {
        return switch (field) {
            case "phone" -> new CustomerCase(label, field, "Asha Rao", value, null, null, null);
            case "email" -> new CustomerCase(label, field, "Asha Rao", null, value, null, null);
            case "address" -> new CustomerCase(label, field, "Asha Rao", null, null, value, null);
            case "notes" -> new CustomerCase(label, field, "Asha Rao", null, null, null, value);
            default -> throw new IllegalArgumentException(field);
        };
    }

    static List<CustomerCase> customers() {
        return List.of(
                name("empty", ""),
                name("only spaces", "   "),
                name("201 characters", repeat('a', 201)),
                name("a NUL character", "Asha\u0000Rao"),
                name("a line break", "Asha\nRao"),
                name("a terminal escape sequence", "Asha \u001b[31mRao"),
                name("a lone high surrogate", "Asha " + LONE_HIGH),
                name("a lone low surrogate", "Asha " + LONE_LOW + " Rao"),
                name("a right-to-left override", "Asha \u202Eoar"),
                name("a line separator", "Asha\u2028Rao"),
                customer("SQL injection", "phone", "'; drop table customers; --"),
                customer("too few digits", "phone", "12"),
                customer("16 digits", "phone", "+1234567890123456"),
                customer("33 characters", "phone", "+1 " + repeat('5', 30)),
                customer("a MongoDB operator", "email", "{\"$gt\": \"\"}"),
                customer("$where", "email", "$where"),
                customer("no domain dot", "email", "asha@example"),
                customer("255 characters", "email", repeat('a', 243) + "@example.com"),
                customer("a header injection", "email", "asha@example.com\r\nBcc: all@example.com"),
                customer("501 characters", "address", repeat('x', 501)),
                customer("a bell character", "address", "12 Park Street\u0007"),
                customer("a lone surrogate", "address", "Flat 4" + LONE_HIGH),
                customer("2001 characters", "notes", repeat('n', 2001)),
                customer("a NUL character", "notes", "pays late\u0000"),
                customer("a lone low surrogate", "notes", LONE_LOW + "note"));
    }

    private static PaymentCase amount(String label, String amount) {
        return new PaymentCase(label, "amount", false, amount, PaymentMethod.CASH, null, null, today());
    }

    private static Instant today() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static List<PaymentCase> payments() {
        List<PaymentCase> cases = new ArrayList<>(List.of(
                amount("empty", ""),
                amount("zero", "0"),
                amount("zero with decimals", "0.00"),
                amount("negative", "-5"),
                amount("NaN", "NaN"),
                amount("Infinity", "Infinity"),
                amount("scientific notation", "1e3"),
                amount("three decimals", "12.345"),
                amount("beyond numeric(12,2)", "10000000000"),
                amount("huge", "99999999999999999999.99"),
                amount("SQL injection", "12.50; drop table payments"),
                amount("a MongoDB operator", "{\"$gt\": 0}"),
                amount("non-ASCII digits", "\u0663\u0660")));
        cases.add(new PaymentCase("no method", "method", false, "12.50", null, null, null, today()));
        cases.add(new PaymentCase("no customer", "customer_id", true, "12.50", PaymentMethod.CASH, null, null, today()));
        cases.add(new PaymentCase("three days ahead", "paid_at", false, "12.50", PaymentMethod.CASH, null, null,
                today().plus(3, ChronoUnit.DAYS)));
        cases.add(new PaymentCase("before 1900", "paid_at", false, "12.50", PaymentMethod.CASH, null, null,
                Instant.parse("1899-06-01T12:00:00Z")));
        cases.add(new PaymentCase("101 characters", "reference", false, "12.50", PaymentMethod.CARD, repeat('r', 101), null, today()));
        cases.add(new PaymentCase("a line break", "reference", false, "12.50", PaymentMethod.CARD, "TX1\nTX2", null, today()));
        cases.add(new PaymentCase("501 characters", "note", false, "12.50", PaymentMethod.CASH, null, repeat('n', 501), today()));
        cases.add(new PaymentCase("a lone surrogate", "note", false, "12.50", PaymentMethod.CASH, null, "ok" + LONE_HIGH, today()));
        return cases;
    }

    private static ShopCase shop(String label, String field, String value) {
        String name = "Corner Shop";
        String owner = null;
        String email = null;
        String currency = "INR";
        String zone = "Asia/Kolkata";
        String taxId = null;
        String footer = null;
        switch (field) {
            case "name" -> name = value;
            case "owner_name" -> owner = value;
            case "email" -> email = value;
            case "currency" -> currency = value;
            case "timezone" -> zone = value;
            case "tax_id" -> taxId = value;
            case "receipt_footer" -> footer = value;
            default -> throw new IllegalArgumentException(field);
        }
        return new ShopCase(label, field, new ShopDraft(name, owner, null, email, null, currency, zone, taxId, footer));
    }

    static List<ShopCase> shops() {
        return List.of(
                shop("empty", "name", ""),
                shop("a lone surrogate", "owner_name", "Ravi " + LONE_HIGH),
                shop("not an address", "email", "shop@"),
                shop("unknown code", "currency", "ABC"),
                shop("two letters", "currency", "US"),
                shop("four letters", "currency", "USDD"),
                shop("empty", "currency", ""),
                shop("$where", "currency", "$where"),
                shop("SQL injection", "currency", "USD'; drop table shop; --"),
                shop("unknown zone", "timezone", "Mars/Olympus_Mons"),
                shop("an offset, not a zone id", "timezone", "UTC+5:30"),
                shop("a path", "timezone", "../../etc/passwd"),
                shop("empty", "timezone", ""),
                shop("a MongoDB operator", "timezone", "{\"$gt\": \"\"}"),
                shop("51 characters", "tax_id", repeat('t', 51)),
                shop("a NUL character", "receipt_footer", "Thank you\u0000"));
    }

    /** Valid names that merely look like attacks: stored and mirrored exactly as typed. */
    static List<String> lookalikeNames() {
        return List.of(
                "Robert'); DROP TABLE customers;--",
                "'; drop table customers; --",
                "{\"$gt\": \"\"}",
                "$where",
                "{\"$where\": \"sleep(1000)\"}",
                "a.b$c",
                "O'Brien \\ \"Bob\" %_",
                "Zoë 王 😀 ‍👩‍💻");
    }
}
