package shoptwin.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A realistic small shop for the demo: the shop's settings, about 200 customers (some without a
 * phone or email) and a year of payments. The same every time (seeded), dated relative to the
 * first start so the history always reads as 'the last twelve months'. Inserted with plain,
 * parameterised SQL in one transaction, so it goes through the change-capture triggers and the
 * mirror copies it like any other change.
 */
public final class SampleData {
    private static final Logger log = LoggerFactory.getLogger(SampleData.class);
    private static final long SEED = 20_261_125L;
    /** Serialises two consoles seeding one empty database (transaction-scoped advisory lock). */
    private static final long SEED_LOCK = 0x5348_4F50_5457_0001L;

    public static final int CUSTOMERS = 200;

    private static final String[] FIRST = {
        "Aarav", "Aditi", "Akash", "Amara", "Ananya", "Anil", "Arjun", "Asha", "Ben", "Bianca", "Carlos",
        "Chen", "Chloe", "Daniel", "Deepa", "Divya", "Elena", "Emma", "Farah", "Fatima", "Gabriel", "Gita",
        "Hannah", "Hiro", "Ibrahim", "Isha", "Jacob", "Jia", "Kabir", "Kavya", "Lakshmi", "Leo", "Lucia",
        "Mahesh", "Maria", "Meera", "Mohammed", "Nadia", "Naveen", "Neha", "Nikhil", "Olivia", "Omar",
        "Pooja", "Priya", "Rahul", "Ravi", "Rohan", "Sam", "Sana", "Sara", "Siddharth", "Sofia", "Sunil",
        "Tanvi", "Thomas", "Uma", "Varun", "Vikram", "Wei", "Yusuf", "Zara", "Zoë", "José", "Renée", "Øystein",
    };
    private static final String[] LAST = {
        "Agarwal", "Ahmed", "Bose", "Brown", "Chatterjee", "Chen", "D'Souza", "Das", "Desai", "Fernandes",
        "García", "Gupta", "Hussain", "Iyer", "Jain", "Joshi", "Kapoor", "Khan", "Kim", "Kumar", "Lee",
        "Mehta", "Menon", "Mishra", "Mukherjee", "Müller", "Nair", "Nguyen", "O'Brien", "Patel", "Pillai",
        "Rao", "Reddy", "Rossi", "Sato", "Shah", "Sharma", "Singh", "Smith", "Srinivasan", "Thomas",
        "Varghese", "Verma", "Wang", "Williams", "Yadav", "van der Berg", "Kowalski",
    };
    private static final String[] DOMAINS = {
        "gmail.com", "gmail.com", "gmail.com", "yahoo.co.in", "outlook.com", "hotmail.com", "rediffmail.com",
        "icloud.com", "proton.me",
    };
    private static final String[] STREETS = {
        "MG Road", "Station Road", "Church Street", "Park Avenue", "Lake View Road", "Nehru Nagar",
        "Gandhi Chowk", "Market Lane", "Temple Street", "Hill Road",
    };
    private static final String[] NOTES = {
        "Prefers UPI", "Regular on Saturdays", "Buys for the office", "Ask about the loyalty card",
        "Allergic to peanuts: check labels", "Pays at month end", "Delivery to the back gate",
    };

    private SampleData() {
    }

    /** What was inserted, for the start-up log and the 'Demo data' badge. */
    public record Inserted(int customers, int payments) {
    }

    /**
     * Inserts the sample shop if the customers table is empty; otherwise does nothing (a user's
     * own demo edits are kept). Returns what it inserted, or empty counts.
     */
    public static Inserted insertIfEmpty(DataSource dataSource) {
        return insertIfEmpty(dataSource, Instant.now());
    }

    static Inserted insertIfEmpty(DataSource dataSource, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, SEED_LOCK);
                    lock.execute();
                }
                if (hasCustomers(c)) {
                    c.rollback();
                    return new Inserted(0, 0);
                }
                Inserted inserted = insert(c, now);
                c.commit();
                log.info("Inserted the demo shop: {} customers, {} payments", inserted.customers(), inserted.payments());
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert the demo data: " + e.getMessage(), e);
        }
    }

    private static boolean hasCustomers(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select exists (select 1 from public.customers)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static Inserted insert(Connection c, Instant now) throws SQLException {
        Random random = new Random(SEED);
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant yearAgo = today.minus(Duration.ofDays(365));

        insertShopIfMissing(c, yearAgo.minus(Duration.ofDays(30)));

        List<UUID> ids = new ArrayList<>();
        List<Instant> since = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "insert into public.customers (id, name, phone, email, address, notes, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < CUSTOMERS; i++) {
                String first = pick(random, FIRST);
                String last = pick(random, LAST);
                String name = first + " " + last;
                String phone = random.nextInt(100) < 88 ? phone(random) : null;
                String email = random.nextInt(100) < 72 ? email(random, first, last, emails) : null;
                String address = random.nextInt(100) < 55
                        ? (1 + random.nextInt(220)) + ", " + pick(random, STREETS) + ", Pune" : null;
                String notes = random.nextInt(100) < 12 ? pick(random, NOTES) : null;
                // most customers were there from the start; some joined during the year
                Instant created = random.nextInt(100) < 60
                        ? yearAgo.minus(Duration.ofDays(random.nextInt(60)))
                        : yearAgo.plus(Duration.ofMinutes(random.nextInt(330 * 24 * 60)));
                created = created.plusMillis(random.nextInt(86_400_000)).truncatedTo(ChronoUnit.MILLIS);
                UUID id = uuid(random);
                ids.add(id);
                since.add(created);
                ps.setObject(1, id);
                ps.setString(2, name);
                ps.setString(3, phone);
                ps.setString(4, email);
                ps.setString(5, address);
                ps.setString(6, notes);
                ps.setTimestamp(7, Timestamp.from(created));
                ps.setTimestamp(8, Timestamp.from(created));
                ps.addBatch();
            }
            ps.executeBatch();
        }

        int payments = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "insert into public.payments (id, customer_id, amount, method, reference, note, paid_at, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                // a few regulars, many occasional customers, some who never paid
                int r = random.nextInt(100);
                int count = r < 8 ? 0 : r < 70 ? 1 + random.nextInt(10) : r < 92 ? 8 + random.nextInt(17) : 25 + random.nextInt(30);
                Instant from = since.get(i).isAfter(yearAgo) ? since.get(i) : yearAgo;
                long span = Math.max(1, Duration.between(from, now).toMillis() - 60_000);
                for (int k = 0; k < count; k++) {
                    Instant paidAt = from.plusMillis((long) (random.nextDouble() * span)).truncatedTo(ChronoUnit.MILLIS);
                    String method = method(random);
                    ps.setObject(1, uuid(random));
                    ps.setObject(2, ids.get(i));
                    ps.setBigDecimal(3, amount(random));
                    ps.setString(4, method);
                    ps.setString(5, reference(random, method));
                    ps.setString(6, random.nextInt(100) < 5 ? pick(random, new String[] {
                        "Paid for last week's order", "Advance for a party order", "Part payment", "Gift hamper"}) : null);
                    ps.setTimestamp(7, Timestamp.from(paidAt));
                    ps.setTimestamp(8, Timestamp.from(paidAt));
                    ps.setTimestamp(9, Timestamp.from(paidAt));
                    ps.addBatch();
                    payments++;
                    if (payments % 500 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            ps.executeBatch();
        }
        return new Inserted(ids.size(), payments);
    }

    private static void insertShopIfMissing(Connection c, Instant created) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select exists (select 1 from public.shop)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into public.shop (name, owner_name, phone, email, address, currency, timezone, tax_id,"
                        + " receipt_footer, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, "Greenleaf Corner Store");
            ps.setString(2, "Meera Iyer");
            ps.setString(3, "+91 20 2555 0142");
            ps.setString(4, "hello@greenleaf-store.example");
            ps.setString(5, "14 Station Road, Shivajinagar, Pune 411005");
            ps.setString(6, "INR");
            ps.setString(7, "Asia/Kolkata");
            ps.setString(8, "27AAPFG1234K1Z5");
            ps.setString(9, "Thank you for shopping local! Exchanges within 7 days with this receipt.");
            Instant t = created.truncatedTo(ChronoUnit.MILLIS);
            ps.setTimestamp(10, Timestamp.from(t));
            ps.setTimestamp(11, Timestamp.from(t));
            ps.executeUpdate();
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static UUID uuid(Random random) {
        long hi = random.nextLong();
        long lo = random.nextLong();
        // shape it as a version-4, IETF-variant UUID, like gen_random_uuid()
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    private static String phone(Random random) {
        int style = random.nextInt(10);
        String mobile = (6 + random.nextInt(4)) + String.format("%04d", random.nextInt(10_000))
                + String.format("%05d", random.nextInt(100_000));
        if (style < 6) {
            return "+91 " + mobile.substring(0, 5) + " " + mobile.substring(5);
        } else if (style < 9) {
            return mobile;
        }
        return "020 " + (2000 + random.nextInt(8000)) + " " + String.format("%04d", random.nextInt(10_000));
    }

    private static String email(Random random, String first, String last, Set<String> taken) {
        String f = ascii(first);
        String l = ascii(last);
        String local = switch (random.nextInt(4)) {
            case 0 -> f + "." + l;
            case 1 -> f + l.charAt(0);
            case 2 -> f.charAt(0) + l;
            default -> f + (10 + random.nextInt(90));
        };
        String email = local + "@" + pick(random, DOMAINS);
        while (!taken.add(email)) {
            email = local + random.nextInt(1000) + "@" + pick(random, DOMAINS);
        }
        return email;
    }

    private static String ascii(String s) {
        String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace("ø", "o").replace("Ø", "O");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static String method(Random random) {
        int r = random.nextInt(100);
        return r < 42 ? "upi" : r < 72 ? "cash" : r < 91 ? "card" : r < 97 ? "bank_transfer" : "other";
    }

    private static BigDecimal amount(Random random) {
        // mostly everyday baskets, sometimes a big order; prices end like real ones
        double base = random.nextInt(100) < 85 ? 40 + random.nextDouble() * 1500 : 1500 + random.nextDouble() * 12_000;
        int cents = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 50;
            case 2 -> 99;
            default -> random.nextInt(100);
        };
        return BigDecimal.valueOf((long) base).add(BigDecimal.valueOf(cents, 2)).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String reference(Random random, String method) {
        return switch (method) {
            case "upi" -> "UPI/" + (400_000_000_000L + (long) (random.nextDouble() * 99_999_999_999L));
            case "card" -> "CARD **** " + String.format("%04d", random.nextInt(10_000));
            case "bank_transfer" -> "NEFT/" + Long.toString(Math.abs(random.nextLong()) % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
            default -> null;
        };
    }
}
