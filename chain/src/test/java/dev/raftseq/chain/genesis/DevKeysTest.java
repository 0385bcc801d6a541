package dev.raftseq.chain.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevKeysTest {
  /** anvil's and hardhat's accounts #0..#9 of "test test ... junk". */
  static final List<String> WELL_KNOWN =
      List.of(
          "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
          "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
          "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
          "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
          "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
          "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
          "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
          "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
          "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
          "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");

  @Test
  void derivesTheWellKnownDevAccounts() {
    for (int i = 0; i < WELL_KNOWN.size(); i++) {
      assertThat(DevKeys.address(i)).as("account %d", i).isEqualTo(Address.fromHex(WELL_KNOWN.get(i)));
    }
  }

  @Test
  void derivesPrivateKeysBeyondTheFirstTen() {
    assertThat(Hex.encode(DevKeys.privateKey(0)))
        .isEqualTo("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    // hardhat's account #10 and #11
    assertThat(Hex.encode(DevKeys.privateKey(10)))
        .isEqualTo("0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897");
    assertThat(DevKeys.address(10)).isEqualTo(Address.fromHex("0xBcd4042DE499D14e55001CcbB24a551F3b954096"));
    assertThat(DevKeys.address(11)).isEqualTo(Address.fromHex("0x71bE63f3384f5fb98995898A86B02Fb2426c5788"));
  }

  @Test
  void privateKeysAreAlways32Bytes() {
    for (int i = 0; i < 50; i++) {
      assertThat(DevKeys.privateKey(i)).hasSize(32);
    }
  }

  @Test
  void negativeIndexIsRefused() {
    assertThatThrownBy(() -> DevKeys.privateKey(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
