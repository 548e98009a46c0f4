package io.garrison;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The logic never depends on the GUI, the engine never on its clients, no two packages depend on each other,
 * and only the command line and the processes' {@code main} classes print.
 */
@AnalyzeClasses(packages = "io.garrison", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule logicIsFreeOfJavaFx = noClasses()
            .that().resideInAnyPackage("io.garrison.engine..", "io.garrison.protocol..", "io.garrison.worker..",
                    "io.garrison.task..", "io.garrison.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.garrison.ui..", "org.controlsfx..");

    @ArchTest
    static final ArchRule engineDoesNotKnowItsClients = noClasses()
            .that().resideInAnyPackage("io.garrison.engine..", "io.garrison.task..", "io.garrison.protocol..",
                    "io.garrison.worker..")
            .should().dependOnClassesThat().resideInAnyPackage("io.garrison.cli..", "io.garrison.ui..");

    @ArchTest
    static final ArchRule theWorkerStaysLean = noClasses()
            .that().resideInAnyPackage("io.garrison.worker..", "io.garrison.protocol..", "io.garrison.task..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "picocli..");

    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("io.garrison.(*)..")
            .should().beFreeOfCycles()
            .because("a package that needs another must not be needed by it: each can then be read, tested and "
                    + "replaced on its own");

    @ArchTest
    static final ArchRule uiPackagesFormNoCycles = slices().matching("io.garrison.ui.(*)..")
            .should().beFreeOfCycles()
            .because("a view's package that needs another must not be needed by it");

    @ArchTest
    static final ArchRule libraryCodeDoesNotPrint = noClasses()
            .that().resideOutsideOfPackages("io.garrison.cli..")
            .and().haveSimpleNameNotEndingWith("Main")
            // The desktop app's --demo runner reports its frame times and screenshots on stderr for the command
            // line that started it (docs/README-ui.md); it is a main's helper, not library code.
            .and().doNotHaveFullyQualifiedName("io.garrison.ui.DemoDirector")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("library code reports through listeners or System.Logger; only the command line and a "
                    + "process's main class own its standard streams");
}
