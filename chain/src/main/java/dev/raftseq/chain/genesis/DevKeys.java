package dev.raftseq.chain.genesis;

import dev.raftseq.chain.types.Address;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.utils.Numeric;

/**
 * The well-known development accounts of the mnemonic "test test ... junk" (anvil's, hardhat's),
 * derived along BIP-44 path {@code m/44'/60'/0'/0/i}. Index 0 is
 * 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266. For local chains and load tests only: these keys
 * are public.
 */
public final class DevKeys {
  public static final String MNEMONIC = "test test test test test test test test test test test junk";
  /** How many of them every dev chain prefunds (anvil's default count). */
  public static final int WELL_KNOWN = 10;

  private DevKeys() {}

  /** The 32-byte private key of account {@code i}. */
  public static byte[] privateKey(int i) {
    return Numeric.toBytesPadded(keyPair(i).getPrivateKey(), 32);
  }

  public static Address address(int i) {
    return Address.fromHex(Keys.getAddress(keyPair(i).getPublicKey()));
  }

  private static Bip32ECKeyPair keyPair(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("dev account index must be >= 0, got " + i);
    }
    return Bip32ECKeyPair.deriveKeyPair(AccountLevel.KEY, new int[] {i});
  }

  /** m/44'/60'/0'/0, derived once: the seed's PBKDF2 and four hardened steps are the slow part. */
  private static final class AccountLevel {
    static final Bip32ECKeyPair KEY = derive();

    private static Bip32ECKeyPair derive() {
      int hardened = Bip32ECKeyPair.HARDENED_BIT;
      Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
      return Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | hardened, 60 | hardened, hardened, 0});
    }
  }
}
