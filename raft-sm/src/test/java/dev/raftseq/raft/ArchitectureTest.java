package dev.raftseq.raft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** Ratis stays inside this module: other modules see only our ports and values. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.raftseq.raft");

  @Test
  void publicApiExposesNoRatisType() {
    methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
        .should(new ArchCondition<JavaMethod>("not mention Ratis types in their signature") {
          @Override
          public void check(JavaMethod m, ConditionEvents events) {
            boolean leaks = isRatis(m.getRawReturnType())
                || m.getRawParameterTypes().stream().anyMatch(ArchitectureTest::isRatis)
                || m.getReturnType().getAllInvolvedRawTypes().stream().anyMatch(ArchitectureTest::isRatis);
            if (leaks) {
              events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes a Ratis type"));
            }
          }
        })
        .check(MAIN);
  }

  @Test
  void ratisTypesAreOnlyUsedByPackagePrivateClasses() {
    noClasses().that().arePublic().and().doNotHaveSimpleName("RaftNode")
        .should().dependOnClassesThat().resideInAPackage("org.apache.ratis..")
        .check(MAIN);
  }

  @Test
  void noStorageOrWebFrameworksHere() {
    noClasses().should().dependOnClassesThat(DescribedPredicate.describe("RocksDB or Vert.x",
            (JavaClass c) -> c.getPackageName().startsWith("org.rocksdb") || c.getPackageName().startsWith("io.vertx")))
        .check(MAIN);
  }

  private static boolean isRatis(JavaClass c) {
    return c.getPackageName().startsWith("org.apache.ratis");
  }
}
