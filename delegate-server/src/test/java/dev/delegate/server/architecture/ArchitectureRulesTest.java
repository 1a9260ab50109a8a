package dev.delegate.server.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.delegate.archfixture.left.Left;
import dev.delegate.archfixture.right.Right;
import dev.delegate.core.archfixture.ReachesIntoServer;
import org.junit.jupiter.api.Test;

/** The architecture rules catch what they are for: shown on classes written to break them. */
class ArchitectureRulesTest {
  @Test
  void should_fail_on_a_core_class_that_imports_the_server() {
    JavaClasses offender = new ClassFileImporter().importClasses(ReachesIntoServer.class);

    assertThatThrownBy(() -> ArchitectureTest.CORE_STANDS_ALONE.check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ReachesIntoServer")
        .hasMessageContaining("dev.delegate.server.Main")
        .satisfies(e -> System.out.println(e.getMessage())); // the report shows what a user sees
  }

  @Test
  void should_fail_on_two_packages_that_depend_on_each_other() {
    JavaClasses cycle = new ClassFileImporter().importClasses(Left.class, Right.class);

    assertThatThrownBy(() -> ArchitectureTest.NO_PACKAGE_CYCLES.check(cycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }
}
