package io.tagforge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's module map and the team's rules, checked over the main classes of every module (this module's
 * tests see all five). Maven keeps a module from seeing the modules above it at compile time; these rules also
 * hold inside a module, and {@link ArchitectureRulesCatchViolationsTest} shows each of them failing on a planted
 * violation.
 */
class ArchitectureTest {

    private static final String ROOT = "io.tagforge";

    /** Main classes only: neither test classes nor test-jars (the fixtures' planted violations are test classes). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages(ROOT);

    @Test
    void importsEveryModuleButNoTestClass() {
        for (String module : ArchitectureRules.MODULES_BOTTOM_UP) {
            assertThat(MAIN.stream().map(JavaClass::getPackageName)).as(module).anyMatch(p -> p.startsWith(ROOT + "." + module));
        }
        assertThat(MAIN.stream().map(JavaClass::getPackageName)).noneMatch(p -> p.startsWith(ROOT + ".architecture"));
    }

    @Test
    void modulesDependOnlyDownward() {
        ArchitectureRules.modulesDependOnlyDownward(ROOT).forEach(rule -> rule.check(MAIN));
    }

    @Test
    void noPackageCyclesWithinAModule() {
        ArchitectureRules.noPackageCycles(ROOT).check(MAIN);
    }

    @Test
    void viewsCallServicesOnly() {
        ArchitectureRules.viewsNeverTouchJdbc().check(MAIN);
        ArchitectureRules.viewsConstructNoEngineClasses(ROOT).check(MAIN);
        ArchitectureRules.viewsReachDataThroughServices(ROOT).check(MAIN);
    }

    @Test
    void onlyCommandsUsePicocli() {
        ArchitectureRules.onlyCommandsUsePicocli().check(MAIN);
    }

    @Test
    void benchmarksLiveInTheirOwnPackage() {
        ArchitectureRules.benchmarksInTheirOwnPackage(ROOT).forEach(rule -> rule.check(MAIN));
    }

    @Test
    void transactionsAreTheTransactionManagers() {
        ArchitectureRules.transactionsAreTheTransactionManagers(ROOT).check(MAIN);
    }

    @Test
    void parserNeedsNoDatabase() {
        noClasses().that().resideInAPackage(ROOT + ".parser..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", ROOT + ".labelsystem.database..")
                .check(MAIN);
    }

    @Test
    void everyClassLivesInAFeaturePackage() {
        classes().should().resideInAPackage(ROOT + ".*.*..")
                .because("code is packaged by feature: io.tagforge.<module>.<feature>")
                .check(MAIN);
        noClasses().should().resideInAnyPackage("..repository..", "..repositories..",
                        "..controller..", "..controllers..", "..dto..", "..impl..", "..util..", "..utils..")
                .because("packages are named after features, not layers")
                .check(MAIN);
    }
}
