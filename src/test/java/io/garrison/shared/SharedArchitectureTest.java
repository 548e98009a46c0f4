package io.garrison.shared;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Shared memory, the Manager and the lessons stay free of the GUI, so the CLI and other programs can use them. */
@AnalyzeClasses(packages = {"io.garrison.shared", "io.garrison.lessons"}, importOptions = ImportOption.DoNotIncludeTests.class)
class SharedArchitectureTest {

    @ArchTest
    static final ArchRule noGui = noClasses().that().resideInAnyPackage("io.garrison.shared..", "io.garrison.lessons..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.garrison.ui..");

    @ArchTest
    static final ArchRule sharedIsALibrary = noClasses().that().resideInAPackage("io.garrison.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("io.garrison.cli..", "io.garrison.lessons..");
}
