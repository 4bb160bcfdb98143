package shoptwin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/architecture.md describes, checked on the production classes: ShopTwin's own
 * layers (each may use only the layers below it), no cycles among the console's screens, and the
 * technology rules (JavaFX only in the console, no database drivers in it, no scene graph in view models).
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the compiled production classes only: scanning the whole classpath for the package is slow
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(java.nio.file.Path.of("target", "classes"));
    }

    /**
     * domain ← config ← store ← mirror, failover ← status ← app ← cli, ui (demo: embedded databases for app and ui;
     * service: the headless mirror, for cli only; features: importing, receipts, reports over the store, for cli and ui).
     */
    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Domain").definedBy("shoptwin.domain..")
                .layer("Config").definedBy("shoptwin.config..")
                .layer("Store").definedBy("shoptwin.store..")
                .layer("Mirror").definedBy("shoptwin.mirror..")
                .layer("Failover").definedBy("shoptwin.failover..")
                .layer("Features").definedBy("shoptwin.importing..", "shoptwin.receipt..", "shoptwin.report..")
                .layer("Status").definedBy("shoptwin.status..")
                .layer("Demo").definedBy("shoptwin.demo..")
                .layer("Service").definedBy("shoptwin.service..")
                .layer("App").definedBy("shoptwin.app..")
                .layer("Cli").definedBy("shoptwin.cli..")
                .layer("Ui").definedBy("shoptwin.ui..")
                .layer("Main").definedBy("shoptwin")
                .whereLayer("Main").mayNotBeAccessedByAnyLayer()
                .whereLayer("Ui").mayOnlyBeAccessedByLayers("Main")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Main")
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("App").mayOnlyBeAccessedByLayers("Cli", "Ui", "Main")
                .whereLayer("Demo").mayOnlyBeAccessedByLayers("App", "Cli", "Ui")
                .whereLayer("Status").mayOnlyBeAccessedByLayers("App", "Cli", "Ui")
                .whereLayer("Mirror").mayOnlyBeAccessedByLayers("Status", "Service", "App", "Cli", "Ui")
                .whereLayer("Failover").mayOnlyBeAccessedByLayers("Status", "Service", "App", "Cli", "Ui")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Cli", "Ui")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Mirror", "Failover", "Features", "Status", "Demo", "Service", "App",
                        "Cli", "Ui")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Store", "Mirror", "Failover", "Features", "Status", "Demo",
                        "Service", "App", "Cli", "Ui", "Main")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Config", "Store", "Mirror", "Failover", "Features", "Status",
                        "Demo", "Service", "App", "Cli", "Ui")
                .because("dependencies point one way, from the console and the command line down to the domain");
    }

    @Test
    void everyPackageBelongsToALayer() {
        // a package outside every layer would be checked by nothing: the layer rule ignores it
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().should().resideInAnyPackage("shoptwin", "shoptwin.domain..",
                        "shoptwin.config..", "shoptwin.store..", "shoptwin.mirror..", "shoptwin.failover..", "shoptwin.importing..",
                        "shoptwin.receipt..", "shoptwin.report..", "shoptwin.status..", "shoptwin.demo..", "shoptwin.service..",
                        "shoptwin.app..", "shoptwin.cli..", "shoptwin.ui..")
                .because("a new package takes its place in the layers (this test and docs/architecture.md)")
                .check(classes);
    }

    @Test
    void shopTwinsLayersDependOnlyDownwards() {
        layers().check(classes);
    }

    @Test
    void theConsolesScreensHaveNoCycles() {
        slices().matching("shoptwin.ui.(*)..").should().beFreeOfCycles()
                .because("a screen changes without touching the screens that use it (StatusFormat.time once tied failover and status)")
                .check(classes);
    }

    @Test
    void onlyTheCommandLinePrintsToTheTerminal() {
        noClasses().that().resideOutsideOfPackage("shoptwin.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("everything else reports through the masked logs or its caller; a stray print can leak a secret")
                .check(classes);
    }

    @Test
    void nothingOutsideTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("shoptwin.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("only the console is JavaFX; the CLI, mirror and stores run headless")
                .check(classes);
    }

    @Test
    void theUiUsesNoJdbcAndNoMongoDriver() {
        noClasses().that().resideInAPackage("shoptwin.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.mongodb..", "org.bson..")
                .because("the console reads and writes only through ShopStore")
                .check(classes);
    }

    @Test
    void metricsAndHttpBelongToTheHeadlessService() {
        noClasses().that().resideOutsideOfPackage("shoptwin.service..")
                .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..", "com.sun.net.httpserver..")
                .because("metrics and HTTP belong to the headless service; the console runs its own mirror")
                .check(classes);
    }

    @Test
    void viewModelsUseNoSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("view models are tested without a toolkit and know nothing of controls")
                .check(classes);
    }
}
