package shoptwin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering DESIGN.md promises, checked on the production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the compiled production classes only: scanning the whole classpath for the package is slow
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(java.nio.file.Path.of("target", "classes"));
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
    void theHeadlessServiceSitsBetweenTheMirrorAndTheCommandLine() {
        noClasses().that().resideOutsideOfPackages("shoptwin.service..", "shoptwin.cli..")
                .should().dependOnClassesThat().resideInAPackage("shoptwin.service..")
                .because("the headless mirror is run by shoptwin mirror; the console runs its own mirror")
                .check(classes);
        noClasses().that().resideInAPackage("shoptwin.service..")
                .should().dependOnClassesThat().resideInAnyPackage("shoptwin.cli..", "shoptwin.ui..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("shoptwin.service..")
                .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..", "com.sun.net.httpserver..")
                .because("metrics and HTTP belong to the headless service")
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
