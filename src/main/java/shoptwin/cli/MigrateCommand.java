package shoptwin.cli;

import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import shoptwin.store.postgres.Database;

/** {@code shoptwin migrate}: brings the Supabase schema up to date (safe to run again). */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Create or update ShopTwin's tables, change log and triggers in Supabase. Running it again changes nothing.",
            "If customers, payments or shop exist but ShopTwin did not create them, changes nothing and says so: see adopt."})
public class MigrateCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Override
    public Integer call() {
        try (Database db = root.openDatabase()) {
            MigrateResult result = db.migrate();
            String version = db.schemaVersion();
            var out = root.out();
            if (result.migrationsExecuted == 0) {
                out.println("Schema is up to date at version " + version + " (" + db.describe() + "). Nothing applied.");
            } else {
                out.println("Applied " + result.migrationsExecuted + " migration" + (result.migrationsExecuted == 1 ? "" : "s")
                        + "; schema is now at version " + version + " (" + db.describe() + ").");
            }
            out.flush();
            return 0;
        }
    }
}
