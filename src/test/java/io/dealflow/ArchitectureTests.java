package io.dealflow;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages depend one way, so each can be read and changed knowing only what is below it (README, "Layout"):
 * the records, then the features that read or react to them, then the engine adapters, then the configuration.
 * {@code web}, {@code access}, {@code audit} and {@code settings} are the plumbing every layer may use; they know no
 * feature.
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.dealflow");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.dealflow.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void layersDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Configuration").definedBy("io.dealflow.config..", "io.dealflow.production..",
                    "io.dealflow.cluster..", "io.dealflow.login..", "io.dealflow.operations..")
            .layer("Engine adapters").definedBy("io.dealflow.process..")
            .layer("Features").definedBy("io.dealflow.pipeline..", "io.dealflow.followup..", "io.dealflow.lead..",
                    "io.dealflow.privacy..", "io.dealflow.inbox..")
            .layer("Records").definedBy("io.dealflow.company..", "io.dealflow.contact..", "io.dealflow.deal..",
                    "io.dealflow.stage..")
            .layer("Plumbing").definedBy("io.dealflow.web..", "io.dealflow.access..", "io.dealflow.audit..",
                        "io.dealflow.settings..")
            .whereLayer("Configuration").mayNotBeAccessedByAnyLayer()
            .whereLayer("Engine adapters").mayOnlyBeAccessedByLayers("Configuration")
            .whereLayer("Features").mayOnlyBeAccessedByLayers("Engine adapters", "Configuration")
            .whereLayer("Records").mayOnlyBeAccessedByLayers("Features", "Engine adapters", "Configuration")
            .check(CLASSES);
    }
}
