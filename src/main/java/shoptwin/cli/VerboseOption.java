package shoptwin.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --verbose}, mixed into every command (add {@code @Mixin VerboseOption verbose;} to yours).
 * Wherever it is given, it switches the whole run to verbose: stack traces on errors and DEBUG logs.
 */
public final class VerboseOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private boolean verbose;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors and debug logging.")
    public void setVerbose(boolean verbose) {
        VerboseOption top = top();
        // OR: a default applied to a subcommand must not undo a --verbose given to the root
        top.verbose = top.verbose || verbose;
        this.verbose = this.verbose || verbose;
    }

    public boolean isVerbose() {
        return top().verbose || verbose;
    }

    private VerboseOption top() {
        if (mixee != null && mixee.root().userObject() instanceof ShopTwinCommand root) {
            return root.verboseOption();
        }
        return this;
    }
}
