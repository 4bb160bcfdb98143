package shoptwin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.ComputerUser;
import shoptwin.config.MongoSettings;
import shoptwin.config.Secrets;
import shoptwin.mirror.journal.JournalDecisionRefused;
import shoptwin.mirror.journal.JournalReplay;
import shoptwin.mirror.journal.JournalResolver;
import shoptwin.mirror.journal.ReplayReport;
import shoptwin.status.JournalOutageChanges;
import shoptwin.status.OutageChange;
import shoptwin.store.journal.Journal;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournaledBackupStore;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;

/**
 * {@code shoptwin journal}: the changes made on the MongoDB backup during an outage (docs/outage.md), with
 * {@code journal replay} (send what waits to Supabase now) and {@code journal resolve ID --keep mine|theirs|recreate}.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "List the changes made on the MongoDB backup during an outage: waiting for Supabase, applied, or needing a decision.",
        subcommands = {JournalCommand.Replay.class, JournalCommand.Resolve.class})
public class JournalCommand implements Callable<Integer> {
    /** Exit code of {@code journal} when some change needs a decision. */
    public static final int NEEDS_DECISION = 3;

    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--json", description = "Print the changes as JSON.")
    boolean json;

    /** The journal, its replay and its resolver, over this command's own connections. */
    static final class Session implements AutoCloseable {
        final Database db;
        final MongoClient client;
        final JournalOutageChanges changes;

        Session(ShopTwinCommand root) {
            MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
            this.db = root.openDatabase();
            this.client = MongoConnections.open(mongo);
            Journal journal = new Journal(MongoConnections.forJournal(client, mongo.database()));
            String password = db.settings().password();
            java.util.function.UnaryOperator<String> mask = t -> Secrets.maskAll(Secrets.mask(t,
                    password == null ? List.of() : List.of(password)));
            this.changes = new JournalOutageChanges(journal, new JournalReplay(db, journal, Clock.systemUTC(), mask),
                    new JournalResolver(db, journal, Clock.systemUTC(), mask),
                    JournaledBackupStore.over(client, mongo.database(), "MongoDB backup", () -> ComputerUser.label("command line"),
                            Clock.systemUTC()),
                    () -> ComputerUser.label("command line"));
        }

        @Override
        public void close() {
            client.close();
            db.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        try (Session s = new Session(root)) {
            List<OutageChange> list = s.changes.list();
            long decide = list.stream().filter(OutageChange::needsDecision).count();
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                List<Map<String, Object>> out = new ArrayList<>();
                for (OutageChange c : list) {
                    out.add(toJson(c));
                }
                root.out().println(m.writeValueAsString(out));
            } else {
                if (list.isEmpty()) {
                    root.out().println("The outage journal is empty: no change made on the backup waits or needs a decision.");
                }
                for (OutageChange c : list) {
                    root.out().println(line(c));
                }
                if (decide > 0) {
                    root.out().println(decide + " change(s) need a decision: shoptwin journal resolve ID --keep mine|theirs|recreate");
                }
            }
            root.out().flush();
            return decide > 0 ? NEEDS_DECISION : 0;
        }
    }

    static String line(OutageChange c) {
        JournalEntry e = c.entry();
        if (e == null) {
            return c.id() + "  invalid  " + c.malformedReason();
        }
        String state = e.resolvedAt() != null ? e.state().code() + ", decided: " + e.resolution() + " by " + e.resolvedBy()
                : e.state().code();
        return e.id() + "  " + state + "  " + e.table().tableName() + " " + e.op().code() + " " + e.rowId()
                + (c.customerName() == null ? "" : " (" + c.customerName() + ")") + "  made " + e.madeAt() + " by " + e.madeBy()
                + (e.reason() == null ? "" : "\n    " + e.reason());
    }

    static Map<String, Object> toJson(OutageChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_id", c.id());
        JournalEntry e = c.entry();
        if (e == null) {
            m.put("state", "invalid");
            m.put("reason", c.malformedReason());
            m.put("needs_decision", true);
            return m;
        }
        m.put("table", e.table().tableName());
        m.put("op", e.op().code());
        m.put("row_id", e.rowId().toString());
        m.put("fields", plain(e.fields()));
        m.put("before", plain(e.before()));
        m.put("base_version", e.baseVersion());
        m.put("made_at", String.valueOf(e.madeAt()));
        m.put("made_by", e.madeBy());
        m.put("state", e.state().code());
        m.put("applied_version", e.appliedVersion());
        m.put("reason", e.reason());
        m.put("reason_code", e.reasonCode());
        m.put("resolved_by", e.resolvedBy());
        m.put("resolved_at", e.resolvedAt() == null ? null : e.resolvedAt().toString());
        m.put("resolution", e.resolution());
        m.put("customer_name", c.customerName());
        m.put("needs_decision", c.needsDecision());
        return m;
    }

    /** Amounts as exact decimal strings, times as ISO-8601: JSON's numbers would round money. */
    private static Map<String, Object> plain(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v instanceof BigDecimal b ? b.toPlainString() : v instanceof Instant i ? i.toString() : v));
        return out;
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send the changes waiting in the journal to Supabase now (the mirror's leader also does it by itself).")
    public static class Replay implements Callable<Integer> {
        @Mixin
        VerboseOption verbose;

        @ParentCommand
        JournalCommand parent;

        @Override
        public Integer call() throws Exception {
            ShopTwinCommand root = parent.root;
            try (Session s = new Session(root)) {
                ReplayReport r = s.changes.replayNow();
                root.out().println("Replayed: " + r + ".");
                if (r.conflicts() + r.invalid() > 0) {
                    root.out().println("See them with: shoptwin journal");
                }
                root.out().flush();
                return r.conflicts() + r.invalid() > 0 ? NEEDS_DECISION : 0;
            }
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Decide about a change Supabase could not take as it was: keep mine (write the backup's value over"
                    + " Supabase's), keep theirs (keep Supabase's, write nothing), or recreate (the payment's deleted customer, then the payment).")
    public static class Resolve implements Callable<Integer> {
        @Mixin
        VerboseOption verbose;

        @ParentCommand
        JournalCommand parent;

        @Parameters(index = "0", paramLabel = "ID", description = "The change's id, as shoptwin journal lists it.")
        String id;

        @Option(names = "--keep", required = true, paramLabel = "mine|theirs|recreate",
                description = "mine, theirs, or recreate (Recreate the customer).")
        String keep;

        @Override
        public Integer call() throws Exception {
            ShopTwinCommand root = parent.root;
            if (!List.of("mine", "theirs", "recreate").contains(keep)) {
                root.err().println("--keep must be mine, theirs or recreate, not '" + keep + "'.");
                root.err().flush();
                return 2;
            }
            try (Session s = new Session(root)) {
                switch (keep) {
                    case "mine" -> s.changes.keepMine(id);
                    case "theirs" -> s.changes.keepTheirs(id);
                    default -> s.changes.recreateCustomer(id);
                }
                root.out().println(switch (keep) {
                    case "mine" -> "Kept yours: the value made on the backup is in Supabase now.";
                    case "theirs" -> "Kept Supabase's: nothing was written; the change is closed.";
                    default -> "The customer and the payment are in Supabase now.";
                });
                root.out().flush();
                return 0;
            } catch (JournalDecisionRefused e) {
                root.err().println(e.getMessage());
                root.err().flush();
                return 2;
            }
        }
    }
}
