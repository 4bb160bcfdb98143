package shoptwin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.Verify;
import shoptwin.mirror.VerifyReport;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;

/** {@code shoptwin verify}: compares Supabase with the MongoDB copy in full. Exit 0 equal, 3 different. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compare every Supabase row with its MongoDB document. Exit 0 when equal, 3 when they differ.")
public class VerifyCommand implements Callable<Integer> {
    public static final int DIFFERENT = 3;

    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        MongoSettings mongo = MirrorCommandSupport.mongoSettings(root);
        try (Database db = root.openDatabase(); MongoClient client = MongoConnections.open(mongo)) {
            MirrorCommandSupport.TerminalProgress bar = new MirrorCommandSupport.TerminalProgress(root.err(), "verify");
            Verify verify = new Verify(db, MongoConnections.forMirror(client, mongo.database())).onProgress(bar);
            Thread hook = new Thread(verify::cancel, "shoptwin-verify-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            VerifyReport report;
            try {
                report = verify.run();
            } finally {
                bar.finish();
                ResyncCommand.removeHook(hook);
            }
            root.out().print(json ? toJson(report) + "\n" : report.describe());
            root.out().flush();
            return report.isEqual() ? 0 : DIFFERENT;
        }
    }

    static String toJson(VerifyReport report) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("equal", report.isEqual());
        out.put("checkedAt", report.checkedAt().toString());
        out.put("pendingChanges", report.pendingChanges());
        out.put("cancelled", report.cancelled());
        List<Map<String, Object>> tables = report.tables().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.table().tableName());
            m.put("collection", t.collection());
            m.put("rows", t.rows());
            m.put("documents", t.documents());
            m.put("missing", t.missing());
            m.put("extra", t.extra());
            m.put("different", t.different());
            m.put("missingSamples", t.missingSamples());
            m.put("extraSamples", t.extraSamples());
            m.put("differentSamples", t.differentSamples());
            m.put("differentFields", t.differentFields());
            return m;
        }).toList();
        out.put("tables", tables);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
    }
}
