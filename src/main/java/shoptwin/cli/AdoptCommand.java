package shoptwin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import shoptwin.config.Secrets;
import shoptwin.store.postgres.Adoption;
import shoptwin.store.postgres.AdoptionPlan;
import shoptwin.store.postgres.Database;

/** {@code shoptwin adopt [--apply] [--keep-web-access]}: takes over a web app's existing shop tables. */
@Command(name = "adopt", mixinStandardHelpOptions = true,
        description = {"Take over the customers, payments and shop tables a web app already made in Supabase.",
            "Prints the plan: the columns, constraints, indexes, triggers and row level security ShopTwin would add, what it"
                    + " keeps, and what stops it. Changes nothing. Exit 1 if the tables cannot be adopted.",
            "With --apply: does it in one transaction (no row changes) and records the schema as ShopTwin's."})
public class AdoptCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Option(names = "--apply", description = "Adopt the tables, in one transaction; then run shoptwin resync.")
    boolean apply;

    @Option(names = "--keep-web-access", description = "Keep what anon and authenticated (your web app, through the Data API)"
            + " may do on the adopted tables today: adds policies that allow it, which row level security would otherwise close.")
    boolean keepWebAccess;

    @Override
    public Integer call() {
        try (Database db = root.openDatabase()) {
            Adoption adoption = new Adoption(db).keepWebAccess(keepWebAccess);
            AdoptionPlan plan = apply ? adoption.apply() : adoption.plan();
            root.out().print(Secrets.maskAll(plan.describe())); // it quotes the database's own messages
            root.out().flush();
            if (plan.outcome() == AdoptionPlan.Outcome.CANNOT_ADOPT) {
                root.err().println("Cannot adopt the tables (see above): nothing was changed.");
                root.err().flush();
                return 1;
            }
            return 0;
        }
    }
}
