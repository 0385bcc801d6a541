package dev.raftseq.chain.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealFieldsTest {
  private static final NodeKey KEY = NodeKey.fromHex("0x0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308");

  private static Header unsealed(long term, long millis) {
    return BlockCodec.withExtraData(BlockCodecTest.mainnet23535880(), SealFields.vanity(term, millis));
  }

  @Test
  void vanityHoldsTermThenMillisThenZeros() {
    byte[] v = SealFields.vanity(0x0102030405060708L, 1_759_960_991_123L);
    assertThat(Hex.encode(v)).isEqualTo("0x0102030405060708" + "00000199c5d98593" + "00".repeat(16));
    Header h = unsealed(7, 1_759_960_991_123L);
    assertThat(SealFields.term(h)).isEqualTo(7);
    assertThat(SealFields.timestampMillis(h)).isEqualTo(1_759_960_991_123L);
  }

  @Test
  void sealedHeaderRecoversItsSigner() throws Exception {
    Header sealed = SealFields.seal(unsealed(3, 1000), KEY);
    assertThat(sealed.extraData()).hasSize(97);
    assertThat(Arrays.copyOf(sealed.extraData(), 32)).isEqualTo(SealFields.vanity(3, 1000));
    assertThat(SealFields.signer(sealed)).isEqualTo(KEY.address());
    assertThat(SealFields.term(sealed)).isEqualTo(3);
    // the seal hash ignores the signature, the block hash does not
    assertThat(SealFields.sealHash(sealed)).isEqualTo(SealFields.sealHash(unsealed(3, 1000)));
    assertThat(BlockCodec.hash(sealed)).isNotEqualTo(BlockCodec.hash(unsealed(3, 1000)));
  }

  @Test
  void tamperingWithAnyFieldChangesTheSigner() throws Exception {
    Header sealed = SealFields.seal(unsealed(3, 1000), KEY);
    Header otherNonce = BlockCodecTest.withNonce(sealed, 1);
    assertThat(SealFields.signer(otherNonce)).isNotEqualTo(KEY.address());
    byte[] extra = sealed.extraData();
    extra[0] ^= 1; // another term
    assertThat(SealFields.signer(BlockCodec.withExtraData(sealed, extra))).isNotEqualTo(KEY.address());
    assertThat(SealFields.signer(SealFields.seal(unsealed(3, 1000), DevAccounts.key(0))))
        .isEqualTo(DevAccounts.address(0));
  }

  @Test
  void malformedSealsAreRejected() {
    Header sealed = SealFields.seal(unsealed(3, 1000), KEY);
    assertThatThrownBy(() -> SealFields.signer(unsealed(3, 1000))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("97 bytes");
    byte[] extra = sealed.extraData();
    BigInteger s = new BigInteger(1, extra, 64, 32);
    byte[] highS = Secp256k1.N.subtract(s).toByteArray();
    byte[] highExtra = extra.clone();
    System.arraycopy(highS, highS.length - 32, highExtra, 64, 32);
    highExtra[96] ^= 1;
    assertThatThrownBy(() -> SealFields.signer(BlockCodec.withExtraData(sealed, highExtra)))
        .isInstanceOf(DecodeException.class).hasMessageContaining("out of range");
    byte[] badRecId = extra.clone();
    badRecId[96] = 2;
    assertThatThrownBy(() -> SealFields.signer(BlockCodec.withExtraData(sealed, badRecId)))
        .isInstanceOf(DecodeException.class);
    byte[] zeroR = extra.clone();
    Arrays.fill(zeroR, 32, 64, (byte) 0);
    assertThatThrownBy(() -> SealFields.signer(BlockCodec.withExtraData(sealed, zeroR)))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> SealFields.sealHash(BlockCodec.withExtraData(sealed, new byte[5])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sealHashIsKeccakOfTheHeaderWithVanityOnly() {
    Header sealed = SealFields.seal(unsealed(9, 99), KEY);
    Hash expected = BlockCodec.hash(unsealed(9, 99));
    assertThat(SealFields.sealHash(sealed)).isEqualTo(expected);
  }
}
