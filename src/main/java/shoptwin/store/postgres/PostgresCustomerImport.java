package shoptwin.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.store.CreatedCustomers;
import shoptwin.store.CustomerContacts;

/**
 * Importing customers in bulk: which contacts exist already (the V39 expression indexes, and
 * name_sort for customers with neither phone nor e-mail), and a batch written in the caller's
 * transaction. Imports take a transaction-level advisory lock, so two imports of the same file at once
 * cannot both find a phone missing and both add it.
 */
final class PostgresCustomerImport {
    /** pg_advisory_xact_lock key: "shoptwin import" */
    private static final long IMPORT_LOCK = 0x53_54_49_4D_50_4FL;

    private PostgresCustomerImport() {
    }

    static CustomerContacts existing(Connection c, CustomerContacts candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return CustomerContacts.NONE;
        }
        Set<String> phones = matches(c, "select distinct " + CustomerSearchSql.PHONE_DIGITS + " from public.customers where "
                + CustomerSearchSql.PHONE_DIGITS + " = any(?)", candidates.phoneDigits());
        Set<String> emails = matches(c, "select distinct lower(email) from public.customers where lower(email) = any(?)",
                candidates.emails());
        // a customer recognised by name has neither a phone with digits nor an e-mail
        Set<String> names = matches(c, "select distinct name_sort from public.customers where name_sort collate \"C\" = any(?)"
                + " and " + CustomerSearchSql.PHONE_DIGITS.replace("phone", "coalesce(phone, '')") + " = ''"
                + " and coalesce(btrim(email), '') = ''", candidates.names());
        return new CustomerContacts(phones, emails, names);
    }

    private static Set<String> matches(Connection c, String sql, Set<String> values) throws SQLException {
        Set<String> found = new HashSet<>();
        if (values.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("text", values.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    static CreatedCustomers create(Connection c, List<CustomerDraft> validated) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, IMPORT_LOCK);
            lock.execute();
        }
        // checked again here, under the lock: the preview may be minutes old
        CustomerContacts taken = existing(c, CustomerContacts.of(validated));
        Set<String> phones = new HashSet<>(taken.phoneDigits());
        Set<String> emails = new HashSet<>(taken.emails());
        Set<String> names = new HashSet<>(taken.names());
        List<CustomerDraft> toWrite = new ArrayList<>();
        Set<Integer> skipped = new LinkedHashSet<>();
        for (int i = 0; i < validated.size(); i++) {
            CustomerDraft d = validated.get(i);
            if (new CustomerContacts(phones, emails, names).matchOf(d) != null) {
                skipped.add(i);
                continue;
            }
            CustomerContacts keys = CustomerContacts.of(d);
            phones.addAll(keys.phoneDigits());
            emails.addAll(keys.emails());
            names.addAll(keys.names());
            toWrite.add(d);
        }
        List<Customer> created = new ArrayList<>(toWrite.size());
        if (!toWrite.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into public.customers (name, phone, email, address, notes)"
                    + " select name, phone, email, address, notes from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality"
                    + " as t(name, phone, email, address, notes, n) order by n"
                    + " returning id, name, phone, email, address, notes, version, created_at, updated_at")) {
                ps.setArray(1, column(c, toWrite, CustomerDraft::name));
                ps.setArray(2, column(c, toWrite, CustomerDraft::phone));
                ps.setArray(3, column(c, toWrite, CustomerDraft::email));
                ps.setArray(4, column(c, toWrite, CustomerDraft::address));
                ps.setArray(5, column(c, toWrite, CustomerDraft::notes));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        created.add(new Customer(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("phone"),
                                rs.getString("email"), rs.getString("address"), rs.getString("notes"), rs.getLong("version"),
                                instant(rs, "created_at"), instant(rs, "updated_at")));
                    }
                }
            }
        }
        return new CreatedCustomers(created, skipped);
    }

    private static Array column(Connection c, List<CustomerDraft> drafts, java.util.function.Function<CustomerDraft, String> f)
            throws SQLException {
        return c.createArrayOf("text", drafts.stream().map(f).toArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
