package dev.otter.sdk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The SDK's packages depend one way, and nothing in it needs what an Android app lacks. */
class SdkLayoutTest {
    private static final JavaClasses SDK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.otter.sdk");

    @Test
    void packagesHaveNoCycleAndOnlyTheFacadeSeesThemAll() {
        slices().matching("dev.otter.sdk.(*)..").should().beFreeOfCycles().check(SDK);
        noClasses()
                .that()
                .resideInAPackage("dev.otter.sdk.*..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.otter.sdk")
                .because("the facade (OtterDevice) composes the packages; they never reach back")
                .check(SDK);
    }

    @Test
    void nothingNeedsAnApiAndroidLacks() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..", "javax.management..", "java.lang.management..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.HexFormat")
                .because("Android has no java.net.http and no HexFormat; the SDK talks HttpURLConnection")
                .check(SDK);
    }
}
