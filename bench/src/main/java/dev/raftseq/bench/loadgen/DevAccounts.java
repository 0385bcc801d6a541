package dev.raftseq.bench.loadgen;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/** Sender keys derived like anvil's and hardhat's dev accounts: BIP-39 seed, path m/44'/60'/0'/0/i. */
public final class DevAccounts {
  /** The well-known mnemonic whose first accounts anvil prefunds by default. */
  public static final String TEST_MNEMONIC = "test test test test test test test test test test test junk";

  private static final int H = Bip32ECKeyPair.HARDENED_BIT;

  private DevAccounts() {}

  /** Accounts {@code first} .. {@code first + count - 1} of {@code mnemonic} (empty passphrase). */
  public static List<Credentials> derive(String mnemonic, int first, int count) {
    if (first < 0 || count < 1) {
      throw new IllegalArgumentException("need first >= 0 and count >= 1, got first=" + first + " count=" + count);
    }
    if (!MnemonicUtils.validateMnemonic(mnemonic)) {
      throw new IllegalArgumentException("not a valid BIP-39 mnemonic (word list or checksum)");
    }
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
    Bip32ECKeyPair external = Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | H, 60 | H, H, 0});
    List<Credentials> out = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      out.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(external, new int[] {i})));
    }
    return List.copyOf(out);
  }
}
