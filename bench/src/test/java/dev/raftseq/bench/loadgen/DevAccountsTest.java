package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class DevAccountsTest {
  @Test
  void derivesAnvilsDefaultAccounts() {
    // addresses as printed by `anvil --accounts 20` (Foundry 1.7.1)
    List<Credentials> first2 = DevAccounts.derive(DevAccounts.TEST_MNEMONIC, 0, 2);
    assertThat(first2).extracting(Credentials::getAddress).containsExactly(
        "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(DevAccounts.derive(DevAccounts.TEST_MNEMONIC, 19, 1).get(0).getAddress())
        .isEqualTo("0x8626f6940e2eb28930efb4cef49b2d1f2c9c1199");
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> DevAccounts.derive("test test test", 0, 1)).hasMessageContaining("mnemonic");
    assertThatThrownBy(() -> DevAccounts.derive(DevAccounts.TEST_MNEMONIC, -1, 1)).hasMessageContaining("first");
    assertThatThrownBy(() -> DevAccounts.derive(DevAccounts.TEST_MNEMONIC, 0, 0)).hasMessageContaining("count");
  }
}
