package dev.raftseq.chain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hex;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.utils.Numeric;

class DevAccountsTest {
  private static final int HARDENED = 0x80000000;

  @Test
  void constantsAreTheBip44KeysOfTheTestMnemonic() {
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(DevAccounts.MNEMONIC, ""));
    for (int i = 0; i < DevAccounts.COUNT; i++) {
      int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, i};
      Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master, path);
      assertThat(Hex.decode(DevAccounts.PRIVATE_KEYS.get(i)))
          .as("key %d", i).isEqualTo(Numeric.toBytesPadded(child.getPrivateKey(), 32));
      NodeKey key = DevAccounts.key(i);
      assertThat(key.address()).isEqualTo(DevAccounts.address(i));
      assertThat(Keys.toChecksumAddress(key.address().toHex())).isEqualTo(DevAccounts.ADDRESSES.get(i));
    }
  }
}
