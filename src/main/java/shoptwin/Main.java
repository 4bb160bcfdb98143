package shoptwin;

/**
 * The jar's entry point. Deliberately not a JavaFX Application, so that a plain classpath jar can
 * start JavaFX. No arguments: the console. Arguments: the command line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            shoptwin.ui.ShopTwinApp.launchConsole(args);
        } else {
            System.exit(shoptwin.cli.ShopTwinCommand.run(args));
        }
    }
}
