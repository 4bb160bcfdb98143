package shoptwin.mirror.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.JournalEntry;

/** What a chunk of the replay reads from PostgreSQL before it decides: the rows, payments per customer, recorded entries. */
final class ReplayReads {
    private ReplayReads() {
    }

    static ReplayDecisions.Rows read(Connection c, DocumentMapper mapper, List<JournalEntry> batch) throws SQLException {
        Set<UUID> customers = new LinkedHashSet<>();
        Set<UUID> payments = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (JournalEntry e : batch) {
            ids.add(e.id());
            if (e.table() == MirrorTable.CUSTOMERS) {
                customers.add(e.rowId());
            } else {
                payments.add(e.rowId());
                UUID customer = e.paymentCustomer();
                if (customer != null) {
                    customers.add(customer);
                }
                if (e.fields().get("customer_id") != null) {
                    customers.add(UUID.fromString(e.fields().get("customer_id").toString()));
                }
            }
        }
        return new ReplayDecisions.Rows(
                ReplaySql.rows(c, mapper, MirrorTable.CUSTOMERS, customers),
                ReplaySql.rows(c, mapper, MirrorTable.PAYMENTS, payments),
                ReplaySql.paymentsOf(c, customers),
                ReplaySql.alreadyApplied(c, ids));
    }
}
