package io.tagforge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureRules} run on a fixture package with a planted violation
 * ({@code io.tagforge.architecture.fixture.*}) must report that violation, naming the planted class, and must let
 * the fixture's allowed classes pass: a rule that cannot fail holds nothing.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String FIXTURE = "io.tagforge.architecture.fixture";

    @Test
    void cycleBetweenTwoFeaturePackages() {
        String root = FIXTURE + ".cycle";
        List<String> report = violations(ArchitectureRules.noPackageCycles(root), root);
        assertThat(String.join("\n", report)).contains("Slice engine - export", "Slice engine - ingest",
                "ExportStep.before()", "IngestStep.after()");
    }

    @Test
    void moduleReachingUp() {
        String root = FIXTURE + ".downward";
        List<String> report = ArchitectureRules.modulesDependOnlyDownward(root).stream()
                .flatMap(rule -> violations(rule, root, false).stream()).toList();
        assertThat(report).singleElement().asString().contains("TagHistory.log", "JobLog");
    }

    @Test
    void viewUsingJdbc() {
        String root = FIXTURE + ".views";
        List<String> report = violations(ArchitectureRules.viewsNeverTouchJdbc(), root);
        assertThat(report).allMatch(line -> line.contains("SqlView")).anyMatch(line -> line.contains("JdbcClient"));
    }

    @Test
    void viewConstructingAnEngineClass() {
        String root = FIXTURE + ".views";
        List<String> report = violations(ArchitectureRules.viewsConstructNoEngineClasses(root), root);
        assertThat(report).singleElement().asString().contains("IngestView", "Ingester.<init>()");
    }

    @Test
    void viewReadingAnEngineStore() {
        String root = FIXTURE + ".views";
        List<String> report = violations(ArchitectureRules.viewsReachDataThroughServices(root), root);
        assertThat(report).isNotEmpty().allMatch(line -> line.contains("StoreView") && line.contains("DatasetStore"));
    }

    @Test
    void nonCommandImportingPicocli() {
        String root = FIXTURE + ".picocli";
        List<String> report = violations(ArchitectureRules.onlyCommandsUsePicocli(), root);
        assertThat(report).isNotEmpty().allMatch(line -> line.contains("ExportSummary"))
                .noneMatch(line -> line.contains("ExportCommand"));
    }

    @Test
    void benchmarkInAFeaturePackage() {
        String root = FIXTURE + ".bench";
        List<ArchRule> rules = ArchitectureRules.benchmarksInTheirOwnPackage(root);
        assertThat(violations(rules.get(0), root)).singleElement().asString()
                .contains("engine.export.ExportBench").doesNotContain("BenchSeed");
        assertThat(violations(rules.get(1), root)).singleElement().asString().contains("Exporter.seed", "BenchSeed");
    }

    @Test
    void handMadeCommit() {
        String root = FIXTURE + ".transactions";
        List<String> report = violations(ArchitectureRules.transactionsAreTheTransactionManagers(root), root);
        assertThat(report).isNotEmpty().allMatch(line -> line.contains("engine.ingest.PlantedCommit"))
                .noneMatch(line -> line.contains("Snapshot"));
    }

    private static List<String> violations(ArchRule rule, String root) {
        return violations(rule, root, true);
    }

    private static List<String> violations(ArchRule rule, String root, boolean mustFail) {
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        assertThat(fixture).isNotEmpty();
        EvaluationResult result = rule.evaluate(fixture);
        if (mustFail) {
            assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        }
        return result.getFailureReport().getDetails();
    }
}
