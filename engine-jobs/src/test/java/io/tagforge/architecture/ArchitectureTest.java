package io.tagforge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's module map as rules: dependencies point one way (jobs → parser → label system → database),
 * the parser needs no database, and code is packaged by feature. Maven keeps a module from seeing the
 * modules above it at compile time; these rules also hold for reflection-free code paths that Maven cannot
 * see, and keep the feature packages honest. The curation UI sits on top and nothing can depend on it.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tagforge");

    @Test
    void modulesDependOnlyDownward() {
        rule("io.tagforge.labelsystem..", "io.tagforge.parser..", "io.tagforge.engine..", "io.tagforge.curation..")
                .check(MAIN);
        rule("io.tagforge.parser..", "io.tagforge.engine..", "io.tagforge.curation..").check(MAIN);
        rule("io.tagforge.engine..", "io.tagforge.curation..").check(MAIN);
    }

    @Test
    void parserNeedsNoDatabase() {
        noClasses().that().resideInAPackage("io.tagforge.parser..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.tagforge.labelsystem.database..")
                .check(MAIN);
    }

    @Test
    void everyClassLivesInAFeaturePackage() {
        classes().should().resideInAPackage("io.tagforge.*.*..")
                .because("code is packaged by feature: io.tagforge.<module>.<feature>")
                .check(MAIN);
        noClasses().should().resideInAnyPackage("..repository..", "..repositories..",
                        "..controller..", "..controllers..", "..dto..", "..impl..", "..util..", "..utils..")
                .because("packages are named after features, not layers")
                .check(MAIN);
    }

    @Test
    void parserFeaturesAreFreeOfCycles() {
        slices().matching("io.tagforge.(parser|labelsystem).(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void transactionsAreTheTransactionManagersOnly() {
        ownTransactions().check(MAIN);
        assertThat(ownTransactions().evaluate(new ClassFileImporter().importClasses(PlantedCommit.class))
                .hasViolation()).isTrue();
    }

    /**
     * JDBC work commits through the one transaction manager ({@code Transactions}): a hand-made commit on a
     * connection the DataSource hands out could be a caller's transaction, committed early. Allowed: the export's
     * snapshot readers (a transaction each, to import one exported snapshot into) and the benchmarks' raw COPY
     * baselines.
     */
    private static ArchRule ownTransactions() {
        return noClasses().that().doNotHaveFullyQualifiedName("io.tagforge.engine.export.Snapshot")
                .and().resideOutsideOfPackage("io.tagforge.engine.bench..")
                .should().callMethod(Connection.class, "setAutoCommit", boolean.class)
                .orShould().callMethod(Connection.class, "commit")
                .orShould().callMethod(Connection.class, "rollback")
                .because("transactions are the transaction manager's (Transactions.run)");
    }

    /** A violation the rule must see. */
    static final class PlantedCommit {
        void write(Connection c) throws SQLException {
            c.setAutoCommit(false);
            c.commit();
        }
    }

    private static ArchRule rule(String module, String... above) {
        return noClasses().that().resideInAPackage(module)
                .should().dependOnClassesThat().resideInAnyPackage(above)
                .because("modules depend only downward: ui → jobs → parser → label-system");
    }
}
