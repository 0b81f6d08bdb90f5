package io.tagforge.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Route;
import java.sql.Connection;
import java.util.List;
import picocli.CommandLine;

/**
 * The rules that hold the shape of the code, over the packages under a root: {@code io.tagforge} for the
 * product, a fixture package with planted violations for {@link ArchitectureRulesCatchViolationsTest}. Below the
 * root, a package is {@code <module>.<feature>..}: {@code db}, {@code labelsystem}, {@code parser}, {@code engine},
 * {@code curation}.
 */
final class ArchitectureRules {

    static final List<String> MODULES_BOTTOM_UP = List.of("labelsystem", "parser", "engine", "curation");
    private static final String[] JDBC = {"java.sql..", "javax.sql..", "org.springframework.jdbc..", "org.postgresql.."};

    private ArchitectureRules() {
    }

    /** One rule per module: it depends on no module above it (ui → jobs → parser → label-system; db-migrations is SQL only). */
    static List<ArchRule> modulesDependOnlyDownward(String root) {
        return MODULES_BOTTOM_UP.subList(0, MODULES_BOTTOM_UP.size() - 1).stream().map(module -> {
            List<String> above = MODULES_BOTTOM_UP.subList(MODULES_BOTTOM_UP.indexOf(module) + 1,
                    MODULES_BOTTOM_UP.size()).stream().map(m -> root + "." + m + "..").toList();
            return (ArchRule) noClasses().that().resideInAPackage(root + "." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .because("modules depend only downward: ui → jobs → parser → label-system")
                    .allowEmptyShould(true); // a fixture has no classes in some modules
        }).toList();
    }

    /** Feature packages of one module never need each other both ways (modules cannot: they depend downward). */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*).(*)..").should().beFreeOfCycles();
    }

    /**
     * JDBC work commits through the one transaction manager ({@code Transactions}): a hand-made commit on a
     * connection the DataSource hands out could be a caller's transaction, committed early. Allowed: the export's
     * snapshot readers (a transaction each, to import one exported snapshot into) and the benchmarks' raw COPY
     * baselines.
     */
    static ArchRule transactionsAreTheTransactionManagers(String root) {
        return noClasses().that().doNotHaveFullyQualifiedName(root + ".engine.export.Snapshot")
                .and().resideOutsideOfPackage(root + ".*.bench..")
                .should().callMethod(Connection.class, "setAutoCommit", boolean.class)
                .orShould().callMethod(Connection.class, "commit")
                .orShould().callMethod(Connection.class, "rollback")
                .because("transactions are the transaction manager's (Transactions.run)");
    }

    /** Views are Vaadin components and routes; they call services and never hold a connection or SQL. */
    static ArchRule viewsNeverTouchJdbc() {
        return noClasses().that(views()).should().dependOnClassesThat().resideInAnyPackage(JDBC)
                .because("views call services only; SQL and connections live in services");
    }

    /**
     * A view gets its services injected; of the lower modules' classes it builds values (records: a filter, a
     * cursor) and nothing that works (stores, jobs, ingesters).
     */
    static ArchRule viewsConstructNoEngineClasses(String root) {
        String[] lower = MODULES_BOTTOM_UP.subList(0, MODULES_BOTTOM_UP.size() - 1).stream()
                .map(m -> root + "." + m + "..").toArray(String[]::new);
        return noClasses().that(views()).should().callConstructorWhere(describe(
                        "the constructed class is not a record and resides in " + String.join(", ", lower),
                        (JavaConstructorCall call) -> !call.getTargetOwner().isRecord()
                                && resideInAnyPackage(lower).test(call.getTargetOwner())))
                .because("views call services only; services build the engine's work");
    }

    /**
     * Data reaches a view through the UI's own services, never from a lower module's class that uses JDBC (a
     * store); values (records) that services hand over are fine.
     */
    static ArchRule viewsReachDataThroughServices(String root) {
        return noClasses().that(views()).should().dependOnClassesThat(
                        describe("use JDBC, are not records, and are outside the UI", (JavaClass c) ->
                                c.getPackageName().startsWith(root + ".") && !c.isRecord()
                                        && !c.getPackageName().startsWith(root + ".curation")
                                        && c.getDirectDependenciesFromSelf().stream().anyMatch(d ->
                                        resideInAnyPackage(JDBC).test(d.getTargetClass()))))
                .because("views call services only; the UI's services wrap the engine's stores");
    }

    /** picocli is the command line's business: commands, their option mixins and the CLI's wiring. */
    static ArchRule onlyCommandsUsePicocli() {
        return noClasses().that(not(commandClasses())).should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("only command classes import picocli; features offer plain methods");
    }

    /** Benchmarks live in a module's own {@code bench} package, and feature code does not need them. */
    static List<ArchRule> benchmarksInTheirOwnPackage(String root) {
        return List.of(
                classes().that().haveSimpleNameContaining("Bench").and().resideInAPackage(root + "..")
                        .should().resideInAPackage(root + ".*.bench..")
                        .because("benchmark code lives in <module>.bench, not in feature packages"),
                noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(root + ".*.bench..",
                                root + ".*.cli..")
                        .should().dependOnClassesThat().resideInAPackage(root + ".*.bench..")
                        .because("feature code does not depend on benchmarks (only the CLI lists the bench command)"));
    }

    static DescribedPredicate<JavaClass> views() {
        return describe("are views (Vaadin components or routes)",
                c -> c.isAssignableTo(Component.class) || c.isAnnotatedWith(Route.class));
    }

    /**
     * @Command classes, option mixins (fields annotated by picocli), picocli's plug-ins (type converters, handlers),
     * the classes nested in these, and the CLI's own package.
     */
    private static DescribedPredicate<JavaClass> commandClasses() {
        return describe("are command classes (@Command, option mixins, converters, the cli package)",
                ArchitectureRules::isCommandClass);
    }

    private static boolean isCommandClass(JavaClass c) {
        if (c.isAnnotatedWith(CommandLine.Command.class) || c.getPackageName().endsWith(".cli")
                || c.getAllRawInterfaces().stream().anyMatch(i -> i.getPackageName().equals("picocli"))
                || c.getAllFields().stream().anyMatch(f -> f.getAnnotations().stream()
                .anyMatch(a -> a.getRawType().getPackageName().equals("picocli")))) {
            return true;
        }
        return c.getEnclosingClass().map(ArchitectureRules::isCommandClass).orElse(false);
    }
}
