package shoptwin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.MongoSettings;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.FieldChange;
import shoptwin.store.history.RowVersion;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.mongo.MongoShopHistory;

/** {@code shoptwin history TABLE ID [--json]}: every version of one row the backup keeps, oldest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Every version of one row the MongoDB backup keeps, oldest first: when it was captured, who made it, and what changed.",
            "With --json: an array of {version, op, changed_at, actor, actor_details, change_id, row, changes}; row holds the fields as the"
                    + " copy holds them (decimals and dates as exact strings), null for a delete (then deleted_row)."})
public class HistoryCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "customers, payments or shop.")
    String tableName;

    @Parameters(index = "1", paramLabel = "ID", description = "The row's id (a UUID).")
    String idText;

    @Option(names = "--json", description = "Print the versions as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        MirrorTable table = HistoryArguments.table(spec, tableName, true);
        UUID id = HistoryArguments.id(spec, idText);
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (MongoClient client = MongoConnections.open(mongo)) {
            List<RowVersion> versions = new MongoShopHistory(MongoConnections.forMirror(client, mongo.database()), "MongoDB").versions(table, id);
            if (json) {
                root.out().println(toJson(versions));
            } else if (versions.isEmpty()) {
                root.err().println("The backup has no history of " + table.tableName() + " " + id + " (a wrong id, or older than the"
                        + " history's retention?).");
            } else {
                print(versions);
            }
            root.out().flush();
            root.err().flush();
            return versions.isEmpty() ? 1 : 0;
        }
    }

    private void print(List<RowVersion> versions) {
        RowVersion previous = null;
        for (RowVersion v : versions) {
            root.out().printf("%-4s %-8s %s  %s%n", v.version() == null ? "" : "v" + v.version(), v.kind().name().toLowerCase(),
                    v.changedAt(), v.actor().label());
            List<FieldChange> changes = previous == null || v.isDelete() ? List.of() : FieldChange.between(previous.fields(), v.fields());
            if (previous == null && !v.isDelete()) {
                v.fields().forEach((f, value) -> {
                    if (!FieldChange.BOOKKEEPING.contains(f) && value != null) {
                        root.out().printf("       %s: %s%n", f, text(value));
                    }
                });
            }
            for (FieldChange c : changes) {
                root.out().printf("       %s: %s -> %s%n", c.field(), text(c.before()), text(c.after()));
            }
            previous = v;
        }
    }

    static String toJson(List<RowVersion> versions) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        RowVersion previous = null;
        for (RowVersion v : versions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("op", v.kind().name().toLowerCase());
            m.put("changed_at", v.changedAt().toString());
            m.put("actor", v.actor().label());
            Map<String, Object> who = new LinkedHashMap<>();
            put(who, "staff", v.actor().staff());
            put(who, "host", v.actor().host());
            put(who, "via", v.actor().via());
            put(who, "user", v.actor().user());
            put(who, "app", v.actor().app());
            put(who, "sub", v.actor().sub());
            put(who, "role", v.actor().role());
            put(who, "email", v.actor().email());
            m.put("actor_details", who);
            m.put("change_id", v.changeId());
            m.put("row", v.isDelete() ? null : row(v.fields()));
            if (v.isDelete()) {
                m.put("deleted_row", v.fields().isEmpty() ? null : row(v.fields()));
            }
            List<Map<String, Object>> changes = new ArrayList<>();
            if (previous != null && v.kind() == shoptwin.store.history.ChangeKind.UPDATE) {
                for (FieldChange c : FieldChange.between(previous.fields(), v.fields())) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("field", c.field());
                    f.put("from", value(c.before()));
                    f.put("to", value(c.after()));
                    changes.add(f);
                }
            }
            m.put("changes", changes);
            out.add(m);
            previous = v;
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
    }

    private static void put(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** The row as the copy holds it: {@code _id} for the key; decimals and dates as exact strings. */
    private static Map<String, Object> row(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k.equals("id") ? "_id" : k, value(v)));
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), value(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(HistoryCommand::value).toList();
        }
        return v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v;
    }

    private static String text(Object v) {
        Object x = value(v);
        return x == null ? "(empty)" : String.valueOf(x);
    }
}
