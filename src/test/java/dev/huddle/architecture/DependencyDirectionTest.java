package dev.huddle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §2: core depends on nothing; the store on core; the Coordinator (app) on both; faces on
 * the Coordinator, never on the store or its adapters. The integrations (installers, git guard)
 * sit beside the faces: they use the Coordinator and core, and the CLI uses them. The families of
 * use cases (app.lease, app.task, ...) form no cycle, and a face sees the Coordinator, the family
 * interfaces and their request and result records, never a service, the Context or the store:
 * then a second Coordinator (RemoteCoordinator) can stand in for the local one unseen.
 */
class DependencyDirectionTest {

    static JavaClasses classes;

    /** The faces, present and planned: they only translate to and from Coordinator calls. */
    static final String[] FACES = {"dev.huddle.cli..", "dev.huddle.hook..", "dev.huddle.integration..",
        "dev.huddle.server..", "dev.huddle.mcp..", "dev.huddle.remote.."};

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.huddle");
    }

    @Test
    void core_dependsOnNothingOutsideItselfAndTheJdk() {
        noClasses().that().resideInAPackage("dev.huddle.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.huddle.core..", "java..")
                .check(classes);
    }

    @Test
    void store_dependsOnlyOnCore_notOnTheCoordinatorOrFaces() {
        noClasses().that().resideInAPackage("dev.huddle.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.app..", "dev.huddle.cli..",
                        "dev.huddle.boot..", "dev.huddle.config..")
                .check(classes);
    }

    @Test
    void coordinator_doesNotKnowFacesOrAdapters() {
        noClasses().that().resideInAPackage("dev.huddle.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.cli..", "dev.huddle.store.sqlite..", "dev.huddle.store.postgres..",
                        "dev.huddle.store.sql..", "dev.huddle.boot..", "dev.huddle.json..")
                .check(classes);
    }

    @Test
    void faces_neverTouchTheStore() {
        noClasses().that().resideInAPackage("dev.huddle.cli..")
                .and().doNotHaveSimpleName("AotTraining")
                .should().dependOnClassesThat().resideInAPackage("dev.huddle.store..")
                .check(classes);
    }

    @Test
    void integration_usesTheCoordinatorAndCore_neverTheStoreOrTheCli() {
        noClasses().that().resideInAPackage("dev.huddle.integration..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.store..", "dev.huddle.cli..",
                        "dev.huddle.boot..", "dev.huddle.config..")
                .check(classes);
    }

    @Test
    void coordinatorAndCore_doNotKnowTheIntegrations() {
        noClasses().that().resideInAnyPackage("dev.huddle.app..", "dev.huddle.core..", "dev.huddle.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.huddle.integration..")
                .check(classes);
    }

    @Test
    void hookFace_usesTheCoordinator_neverTheStoreTheCliOrTheConfigReader() {
        noClasses().that().resideInAPackage("dev.huddle.hook..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.store..", "dev.huddle.cli..",
                        "dev.huddle.config..", "dev.huddle.integration..")
                .check(classes);
    }

    @Test
    void sharedRendering_dependsOnNoFaceNorTheStore() {
        noClasses().that().resideInAPackage("dev.huddle.render..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.store..", "dev.huddle.cli..",
                        "dev.huddle.hook..", "dev.huddle.boot..", "dev.huddle.config..", "dev.huddle.json..")
                .check(classes);
    }

    @Test
    void coordinatorAndCore_doNotKnowTheHookFaceOrItsRendering() {
        noClasses().that().resideInAnyPackage("dev.huddle.app..", "dev.huddle.core..", "dev.huddle.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.hook..", "dev.huddle.render..")
                .check(classes);
    }

    @Test
    void cli_entersTheHookFaceOnlyThroughMain() {
        noClasses().that().resideInAPackage("dev.huddle.cli..").and().doNotHaveSimpleName("Main")
                .should().dependOnClassesThat().resideInAPackage("dev.huddle.hook..")
                .check(classes);
    }

    @Test
    void serverFace_usesTheCoordinator_neverTheStoreTheCliOrTheOtherFaces() {
        noClasses().that().resideInAPackage("dev.huddle.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.store..", "dev.huddle.cli..",
                        "dev.huddle.integration..", "dev.huddle.config..")
                .check(classes);
    }

    /**
     * The HTTP hooks answer as the command hooks do by calling the same code: the hook face's
     * runner and program adapters (payload in, answer in the program's protocol out). They never
     * use the command face's process wiring (HookMain: stdin, environment, opening the store).
     */
    @Test
    void serverFace_reusesTheHookDecisions_notTheCommandHooksProcessWiring() {
        noClasses().that().resideInAPackage("dev.huddle.server..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.huddle.hook.HookMain")
                .check(classes);
    }

    /**
     * The packaged server face is in its own jar, which only {@code serve} loads, by name
     * (boot/ServerClasses): a direct reference from the main jar would fail there at run time.
     */
    @Test
    void nothingOutsideTheServerFace_refersToIt_orToJetty() {
        noClasses().that().resideOutsideOfPackage("dev.huddle.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.server..", "org.eclipse.jetty..",
                        "org.slf4j..")
                .check(classes);
        // The MCP face hands the server its Streamable HTTP servlet (McpHttp); it shares the server's jar.
        noClasses().that().resideOutsideOfPackages("dev.huddle.server..", "dev.huddle.mcp..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .check(classes);
    }

    /**
     * The MCP SDK (and the Jackson databind and Reactor it brings) is only the MCP face's, which is
     * packaged in the server's jar and loaded by name (boot/ServerClasses): only {@code huddle mcp}
     * and {@code serve} load it, never a CLI command's cold start.
     */
    @Test
    void onlyTheMcpFace_usesTheMcpSdk_andOnlyTheServerFaceRefersToIt() {
        noClasses().that().resideOutsideOfPackage("dev.huddle.mcp..")
                .should().dependOnClassesThat().resideInAnyPackage("io.modelcontextprotocol..",
                        "com.fasterxml.jackson.databind..", "reactor..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.huddle.mcp..", "dev.huddle.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.huddle.mcp..")
                .check(classes);
    }

    /**
     * HikariCP (and the slf4j-api it needs) is in the server's jar, loaded by name for {@code huddle
     * serve} on PostgreSQL (boot/ServerClasses): only its one class uses it, and nothing refers to that class.
     */
    @Test
    void onlyThePoolClass_usesHikariCp_andNothingRefersToIt() {
        noClasses().that().resideOutsideOfPackage("dev.huddle.store.postgres.pool..")
                .should().dependOnClassesThat().resideInAnyPackage("com.zaxxer..", "dev.huddle.store.postgres.pool..")
                .check(classes);
    }

    @Test
    void onlyTheStoreAdaptersSpeakJdbc() {
        noClasses().that().resideOutsideOfPackages("dev.huddle.store.sqlite..", "dev.huddle.store.postgres..", "dev.huddle.store.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
                .check(classes);
    }

    @Test
    void eachAdapterAloneUsesItsDriver() {
        noClasses().that().resideOutsideOfPackage("dev.huddle.store.sqlite..")
                .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.huddle.store.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("org.postgresql..")
                .check(classes);
    }

    /**
     * The table families are written once (store.sql, which therefore speaks JDBC too) for every
     * adapter: they know the port and JDBC, never an adapter or a driver; what an engine says its
     * own way comes in its SqlDialect.
     */
    @Test
    void sharedTableFamilies_knowNoAdapterAndNoDriver() {
        noClasses().that().resideInAPackage("dev.huddle.store.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.store.sqlite..", "dev.huddle.store.postgres..",
                        "org.sqlite..", "org.postgresql..")
                .check(classes);
    }

    /** Boot chooses the adapter; everything else sees only the port (and the adapters, each other not). */
    @Test
    void onlyBootAndTheStore_knowTheAdapters() {
        noClasses().that().resideOutsideOfPackages("dev.huddle.store..", "dev.huddle.boot..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.huddle.store.sqlite..", "dev.huddle.store.postgres..",
                        "dev.huddle.store.sql..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.huddle.store.sqlite..")
                .should().dependOnClassesThat().resideInAPackage("dev.huddle.store.postgres..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.huddle.store.postgres..")
                .should().dependOnClassesThat().resideInAPackage("dev.huddle.store.sqlite..")
                .check(classes);
    }

    @Test
    void families_formNoPackageCycle() {
        slices().matching("dev.huddle.app.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void faces_seeTheCoordinatorFamiliesAndTheirRecords_neverServicesTheContextOrTheStore() {
        noClasses().that().resideInAnyPackage(FACES).and().doNotHaveSimpleName("AotTraining")
                .should().dependOnClassesThat(APP_INTERNALS)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.huddle.store..")
                .check(classes);
    }

    @Test
    void theOperationsTable_knowsNoFaceAndNoService() {
        noClasses().that().resideInAPackage("dev.huddle.api..")
                .should().dependOnClassesThat().resideInAnyPackage(FACES)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.huddle.store..", "dev.huddle.boot..",
                        "dev.huddle.config..", "dev.huddle.render..")
                .orShould().dependOnClassesThat(APP_INTERNALS)
                .check(classes);
    }

    @Test
    void coordinatorAndCore_doNotKnowTheOperationsTable() {
        noClasses().that().resideInAnyPackage("dev.huddle.app..", "dev.huddle.core..", "dev.huddle.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.huddle.api..")
                .check(classes);
    }

    /**
     * What lies behind the Coordinator: classes of app that are not interfaces, records or enums
     * (the services and their helpers, LocalCoordinator), and the wiring records a face has no use for.
     */
    static final DescribedPredicate<JavaClass> APP_INTERNALS = new DescribedPredicate<>(
            "are app services, their helpers, LocalCoordinator, Context, Workspace or Pacer") {
        @Override
        public boolean test(JavaClass c) {
            if (!c.getPackageName().startsWith("dev.huddle.app")) {
                return false;
            }
            String name = c.getSimpleName();
            if (name.equals("Context") || name.equals("Workspace") || name.equals("Pacer")) {
                return true;
            }
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return !(top.isInterface() || top.isRecord() || top.isEnum());
        }
    };
}
