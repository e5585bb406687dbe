package io.drainboard;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.drainboard.sim.Simulator;
import io.drainboard.ui.common.OffFx;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of docs/architecture.md, each allowed to use only the ones below it, and no cycle between
 * packages; the engine never touches JavaFX. Main classes only (tests may wire anything).
 */
class ArchitectureTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.drainboard");

    /**
     * The engine's packages, bottom to top, each level using only the levels below it; packages on one level
     * (drain and history) do not use each other. The root package ({@code Console}, {@code Launcher}) sits on
     * top. A new engine package is one word on its level: {@code stops} beside fleet, {@code scaling} beside
     * drain.
     */
    private static final List<List<String>> LEVELS = List.of(
            List.of("profile", "audit", "aws"),
            List.of("calls"),
            List.of("fleet"),
            List.of("stops"),
            List.of("drain", "history"),
            List.of("rollout", "guard", "scaling"),
            List.of("ui"));

    private static Architectures.LayeredArchitecture layers() {
        Architectures.LayeredArchitecture a = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("root").definedBy("io.drainboard");
        for (List<String> level : LEVELS) {
            for (String p : level) a = a.layer(p).definedBy("io.drainboard." + p + "..");
        }
        a = a.whereLayer("root").mayNotBeAccessedByAnyLayer();
        for (int i = 0; i < LEVELS.size(); i++) {
            List<String> above = new ArrayList<>(List.of("root"));
            LEVELS.subList(i + 1, LEVELS.size()).forEach(above::addAll);
            for (String p : LEVELS.get(i)) a = a.whereLayer(p).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        return a;
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layers().because("data flows one way (docs/architecture.md): a lower package never reaches up").check(APP);
    }

    @Test
    void noPackageCycles() {
        slices().assignedFrom(TOP_LEVEL).should().beFreeOfCycles().check(APP);
    }

    /**
     * The window's packages form no cycle either: the window's own package ({@code io.drainboard.ui}: the main
     * window, which puts everything together) uses its sub-packages and none of them uses it; one sub-package
     * opens another's window only through {@code ui.nav.Windows}.
     */
    @Test
    void noCyclesAmongTheUiPackages() {
        slices().assignedFrom(packagesUnder("io.drainboard.ui")).should().beFreeOfCycles().check(APP);
    }

    @Test
    void theActionsOpenWindowsThroughNavigation() {
        noClasses().that().resideInAnyPackage("io.drainboard.ui.actions..", "io.drainboard.ui.command..",
                        "io.drainboard.ui.details..", "io.drainboard.ui.tasks..", "io.drainboard.ui.instances..")
                .should().dependOnClassesThat().resideInAnyPackage("io.drainboard.ui.rollout..", "io.drainboard.ui.history..")
                .because("a view asks ui.nav.Windows for the timeline or the rollout wizard; only the main window knows them")
                .check(APP);
    }

    /**
     * Work off the FX thread goes through {@code ui.common.OffFx}, which names its threads, makes them daemons and
     * brings results and failures back to the FX thread: nothing else in the window starts a thread, builds an
     * executor or runs a future on the common pool.
     */
    @Test
    void onlyOffFxMakesThreadsInTheWindow() {
        DescribedPredicate<JavaCall<?>> makesThreads = new DescribedPredicate<>("a thread, an executor or the common pool") {
            @Override
            public boolean test(JavaCall<?> call) {
                JavaClass owner = call.getTargetOwner();
                if (call instanceof JavaConstructorCall) {
                    return owner.isAssignableTo(Thread.class) || owner.isAssignableTo(ExecutorService.class)
                            || owner.isAssignableTo(java.util.Timer.class);
                }
                if (owner.isEquivalentTo(Executors.class)) return true;
                if (owner.isEquivalentTo(CompletableFuture.class) && call.getName().endsWith("Async")) {
                    List<JavaClass> params = call.getTarget().getRawParameterTypes();
                    return params.isEmpty() || !params.get(params.size() - 1).isAssignableTo(java.util.concurrent.Executor.class);
                }
                return false;
            }
        };
        noClasses().that().resideInAPackage("io.drainboard.ui..").and().doNotBelongToAnyOf(OffFx.class)
                .should().callCodeUnitWhere(makesThreads)
                .because("the window's background work goes through ui.common.OffFx (one helper: off the FX thread,"
                        + " the result and any failure back on it)")
                .check(APP);
    }

    @Test
    void theSimulatorHasNoPackageCycles() {
        // From the simulator's jar or classes directory itself: a package scan can miss a jar without directory entries.
        slices().assignedFrom(TOP_LEVEL).should().beFreeOfCycles().check(new ClassFileImporter()
                .importUrl(Simulator.class.getProtectionDomain().getCodeSource().getLocation()));
    }

    @Test
    void onlyTheRootAndProfilesKnowTheSimulator() {
        noClasses().that().resideInAPackage("io.drainboard..")
                .and().resideOutsideOfPackages("io.drainboard", "io.drainboard.profile..", "io.drainboard.sim..",
                        "io.drainboard.scaling.lab..")
                .should().dependOnClassesThat().resideInAPackage("io.drainboard.sim..")
                .because("the engine talks to the simulator only through the real SDK clients; the composition root"
                        + " starts it, a profile names its scenario, and the scaling lab replays traffic in one of its own")
                .check(APP);
    }

    @Test
    void onlyTheUiPackageUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("io.drainboard.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
                        "org.kordamp.ikonli..")
                .because("engine packages must run and be tested without a window")
                .check(APP);
    }

    @Test
    void theViewModelsNeedNoToolkit() {
        noClasses().that().resideInAPackage("io.drainboard.ui.model..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
                        "org.kordamp.ikonli..")
                .because("the view models (ui.model) are unit-tested without a toolkit")
                .check(APP);
    }

    /** One slice per package directly under {@code root} (with its sub-packages), and {@code root} one of its own. */
    private static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (p.equals(root)) return SliceIdentifier.of(root);
                if (!p.startsWith(root + ".")) return SliceIdentifier.ignore();
                String rest = p.substring(root.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(root + "." + (dot < 0 ? rest : rest.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the packages directly under " + root + ", and " + root;
            }
        };
    }

    /**
     * One slice per package directly under a module's root ({@code io.drainboard.fleet}, {@code io.drainboard.sim.ecs}),
     * sub-packages in their parent's slice, and the root package ({@code io.drainboard}, {@code io.drainboard.sim})
     * a slice of its own — {@code slices().matching("io.drainboard.(*)..")} would leave the root out of every slice.
     */
    private static final SliceAssignment TOP_LEVEL = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            String root = p.startsWith("io.drainboard.sim") ? "io.drainboard.sim" : "io.drainboard";
            if (!p.startsWith(root)) return SliceIdentifier.ignore();
            if (p.equals(root)) return SliceIdentifier.of(root);
            String rest = p.substring(root.length() + 1);
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(root + "." + (dot < 0 ? rest : rest.substring(0, dot)));
        }

        @Override
        public String getDescription() {
            return "the packages directly under io.drainboard and io.drainboard.sim, and those two";
        }
    };
}
