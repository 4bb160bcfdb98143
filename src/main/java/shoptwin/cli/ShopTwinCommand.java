package shoptwin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code shoptwin <command>}. (Placeholder until the data layer issue lands.) */
@Command(name = "shoptwin", mixinStandardHelpOptions = true, description = "ShopTwin command line.")
public class ShopTwinCommand implements Runnable {

    public static int run(String... args) {
        return new CommandLine(new ShopTwinCommand()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
