package shoptwin.cli;

import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import shoptwin.domain.Shop;
import shoptwin.domain.ValidationException;
import shoptwin.report.Takings;
import shoptwin.report.TakingsPeriod;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;

/** {@code shoptwin report takings --from DATE --to DATE [--json]}. */
@Command(name = "report", mixinStandardHelpOptions = true, subcommands = ReportCommand.TakingsReport.class,
        description = "Reports from the shop's data.")
public class ReportCommand implements Runnable {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Say which report: shoptwin report takings --from DATE --to DATE");
    }

    @Command(name = "takings", mixinStandardHelpOptions = true,
            description = {"Daily takings: per day in the shop's time zone, the count and total of payments by method"
                    + " (cash, card, UPI, bank transfer, other), in the shop's currency, exact to the cent.",
                "Days without payments are listed with zeros."})
    public static class TakingsReport implements Callable<Integer> {
        @Mixin
        VerboseOption verbose;

        @ParentCommand
        ReportCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, e.g. 2026-11-01.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day (included), e.g. 2026-11-30.")
        String to;

        @Option(names = "--json", description = "Print JSON: {\"days\": [{\"date\", \"by_method\": {\"cash\": {\"count\","
                + " \"total\"}, ...}, \"total\"}], \"total\"}, amounts as decimal strings.")
        boolean json;

        @Override
        public Integer call() {
            TakingsPeriod period;
            try {
                period = TakingsPeriod.parse(from, to);
            } catch (ValidationException e) {
                String option = "--" + e.errors().get(0).field();
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.errors().get(0).message());
            }
            ShopTwinCommand root = parent.root;
            try (Database db = root.openDatabase(); PostgresShopStore store = new PostgresShopStore(db)) {
                Optional<Shop> shop = store.getShop();
                ZoneId zone = shop.map(s -> ZoneId.of(s.timezone())).orElse(ZoneId.of("UTC"));
                String currency = shop.map(Shop::currency).orElse("USD");
                if (shop.isEmpty()) {
                    root.err().println("warning: the shop has no settings yet: days are counted in UTC");
                }
                Takings takings = Takings.read(store, period, zone);
                root.out().print(json ? takings.toJson() + "\n" : takings.toText(currency));
                root.out().flush();
                return 0;
            }
        }
    }
}
