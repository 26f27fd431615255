package dev.otter.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The one layout of every service, checked in its build: packages by domain, then role
 * ({@code dev.otter.<service>.<domain>[.<subdomain>].<role>}); no cycle between domains nor between
 * any two packages; roles depend downwards only (rest → service → repository; api records depend
 * on no role); resources never touch entities.
 */
public final class ServiceLayout {
    /** The roles a domain's code is sorted into. */
    public static final Set<String> ROLES =
            Set.of("api", "rest", "service", "repository", "messaging", "client", "health", "snapshot");

    private ServiceLayout() {}

    /** Every rule, against the service's main classes under {@code root} (e.g. {@code dev.otter.manifest}). */
    public static List<ArchRule> rules(String root) {
        return List.of(
                slices().matching(root + ".(*)..")
                        .namingSlices("domain $1")
                        .should()
                        .beFreeOfCycles()
                        .because("domains depend one way; a need the other way is an event or a move"),
                slices().matching(root + ".(**)")
                        .namingSlices("package $1")
                        .should()
                        .beFreeOfCycles(),
                ArchRuleDefinition.classes()
                        .that()
                        .resideInAPackage(root + "..")
                        .should(beInTheLayout(root)),
                ArchRuleDefinition.noClasses()
                        .that()
                        .resideInAnyPackage(in(root, "repository", "service", "messaging", "client", "snapshot"))
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(in(root, "rest"))
                        .because("only resources and routes speak HTTP")
                        .allowEmptyShould(true),
                ArchRuleDefinition.noClasses()
                        .that()
                        .resideInAnyPackage(in(root, "repository"))
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(in(root, "service", "messaging"))
                        .because("repositories are the bottom of a domain")
                        .allowEmptyShould(true),
                ArchRuleDefinition.noClasses()
                        .that()
                        .resideInAnyPackage(in(root, "api"))
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(in(root, "rest", "service", "repository", "messaging"))
                        .because("API records are plain data")
                        .allowEmptyShould(true),
                ArchRuleDefinition.noClasses()
                        .that()
                        .resideInAnyPackage(in(root, "rest"))
                        .should()
                        .dependOnClassesThat()
                        .areAnnotatedWith("jakarta.persistence.Entity")
                        .because("entities never leave the service layer: resources speak records")
                        .allowEmptyShould(true));
    }

    // Package patterns of the service's own packages in these roles, at any depth.
    private static String[] in(String root, String... roles) {
        return Arrays.stream(roles).map(r -> root + ".." + r + "..").toArray(String[]::new);
    }

    /** Checks every rule; fails with all violations. */
    public static void check(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes under " + root + " to check");
        }
        rules(root).forEach(rule -> rule.check(classes));
    }

    private static ArchCondition<JavaClass> beInTheLayout(String root) {
        return new ArchCondition<>("be in " + root + ".<domain>[.<subdomain>].<role> or " + root + ".config") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String pkg = type.getPackageName();
                String reason = violation(root, pkg);
                if (reason != null) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + ": " + reason));
                }
            }
        };
    }

    // Null when the package fits: root.config, a domain root, or domain[.subdomain…].role.
    static String violation(String root, String pkg) {
        if (pkg.equals(root)) {
            return "classes belong in a domain, not in the service's root package";
        }
        List<String> parts = Arrays.asList(pkg.substring(root.length() + 1).split("\\."));
        if (parts.get(0).equals("config")) {
            return parts.size() == 1 ? null : "config has no subpackages";
        }
        if (ROLES.contains(parts.get(0))) {
            return "'" + parts.get(0) + "' is a role; packages start with a domain";
        }
        for (int i = 1; i < parts.size() - 1; i++) {
            if (ROLES.contains(parts.get(i))) {
                return "nothing nests under the role '" + parts.get(i) + "'";
            }
        }
        return null;
    }
}
