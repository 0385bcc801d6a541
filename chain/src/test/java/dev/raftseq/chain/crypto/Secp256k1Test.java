package dev.raftseq.chain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Secp256k1Test {

  @ParameterizedTest(name = "seed key {index} -> its enode id")
  @CsvSource({
    "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308,"
        + "246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d",
    "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7,"
        + "d2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc",
    "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d,"
        + "2991880ae3ff81b881c86f54d2af0ee85a325231bb75f903f06f432020101614dbfbc75ddec885f5e101fed272bee661f492fb6dd80147b656da990635a7e581"
  })
  void seedNodeKeysGiveTheSeedNodeIds(String privateKey, String nodeId) {
    NodeKey key = NodeKey.fromHex(privateKey);
    assertThat(key.nodeIdHex()).isEqualTo("0x" + nodeId);
    assertThat(Hex.encode(Secp256k1.publicKey(Hex.decode(privateKey)))).isEqualTo("0x" + nodeId);
  }

  @Test
  void devMnemonicAccountZeroHasTheWellKnownAddress() {
    NodeKey key = NodeKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    assertThat(key.address()).isEqualTo(Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
  }

  @Test
  void signRecoversToTheSignerWithLowS() {
    byte[] priv = Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    byte[] pub = Secp256k1.publicKey(priv);
    for (int i = 0; i < 50; i++) {
      Hash h = Keccak.hash(new byte[] {(byte) i});
      byte[] sig = Secp256k1.sign(h, priv);
      assertThat(sig).hasSize(65);
      assertThat(sig[64]).isBetween((byte) 0, (byte) 1);
      assertThat(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64))).isLessThanOrEqualTo(Secp256k1.HALF_N);
      byte[] recovered = Secp256k1.recover(h, Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64), sig[64]);
      assertThat(recovered).isEqualTo(pub);
      assertThat(Secp256k1.recoverAddress(h, sig)).isEqualTo(Secp256k1.addressOf(pub));
    }
  }

  @Test
  void signingIsDeterministic() {
    byte[] priv = Hex.decode("0x0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308");
    Hash h = Keccak.hash(new byte[] {1, 2, 3});
    assertThat(Secp256k1.sign(h, priv)).isEqualTo(Secp256k1.sign(h, priv));
  }

  @Test
  void recoveryWithTheOtherRecoveryIdGivesAnotherKey() {
    byte[] priv = Hex.decode("0x0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308");
    Hash h = Keccak.hash(new byte[] {9});
    byte[] sig = Secp256k1.sign(h, priv);
    byte[] other = Secp256k1.recover(h, Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64), 1 - sig[64]);
    assertThat(other).isNotEqualTo(Secp256k1.publicKey(priv));
  }

  @Test
  void invalidInputsAreRejectedWithIllegalArgument() {
    Hash h = Keccak.hash(new byte[] {1});
    byte[] zero = new byte[32];
    byte[] ff = new byte[32];
    Arrays.fill(ff, (byte) 0xff);
    assertThatThrownBy(() -> Secp256k1.recover(h, zero, zero, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1.recover(h, ff, ff, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1.recover(h, ff, ff, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1.recover(h, new byte[31], zero, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1.publicKey(zero)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1.publicKey(ff)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1.publicKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }
}
