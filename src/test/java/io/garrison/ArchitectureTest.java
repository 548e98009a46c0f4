package io.garrison;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The logic never depends on the GUI, and the engine never on its clients. */
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
}
