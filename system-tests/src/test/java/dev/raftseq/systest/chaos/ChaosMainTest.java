package dev.raftseq.systest.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ChaosMainTest {
  @Test
  void powerCutsAreOptInAndNotWithDiskFaults() {
    assertThat(ChaosMain.supported()).doesNotContain(FaultKind.POWERCUT);
    assertThatThrownBy(() -> ChaosMain.checkSupported(EnumSet.of(FaultKind.DISK, FaultKind.POWERCUT)))
        .hasMessageContaining("powercut and disk faults cannot run together");
  }
}
