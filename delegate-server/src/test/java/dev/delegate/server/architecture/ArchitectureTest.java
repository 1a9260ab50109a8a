package dev.delegate.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes of every module: the core depends on no
 * other module, adapters do not reach into the server, and no two packages depend on each other in
 * a circle.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.delegate");
    if (classes.size() < 300) {
      throw new IllegalStateException(
          "only " + classes.size() + " classes found: the modules are not on the classpath");
    }
  }

  /** The rules, for the check of a rule's own failure in {@code ArchitectureRulesTest}. */
  static final ArchRule CORE_STANDS_ALONE =
      noClasses()
          .that()
          .resideInAPackage("dev.delegate.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.delegate.agent..",
              "dev.delegate.git..",
              "dev.delegate.store..",
              "dev.delegate.server..",
              "dev.delegate.terminal..",
              "dev.delegate.scripted..",
              "dev.delegate.testkit..",
              "dev.delegate.bench..")
          .because("the core holds the domain and its ports; adapters plug into it");

  static final ArchRule ADAPTERS_BELOW_THE_SERVER =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.delegate.agent..",
              "dev.delegate.git..",
              "dev.delegate.store..",
              "dev.delegate.terminal..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.delegate.server..", "dev.delegate.bench..")
          .because("the server wires the adapters, never the other way round");

  static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching("dev.delegate.(**)")
          .should()
          .beFreeOfCycles()
          .because("a package cycle makes two packages one, only harder to read");

  @Test
  void core_depends_on_no_other_module() {
    CORE_STANDS_ALONE.check(classes);
  }

  @Test
  void adapters_do_not_depend_on_the_server() {
    ADAPTERS_BELOW_THE_SERVER.check(classes);
  }

  @Test
  void no_package_depends_on_itself_through_others() {
    NO_PACKAGE_CYCLES.check(classes);
  }
}
