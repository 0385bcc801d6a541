package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.TransactionType;
import org.web3j.utils.Numeric;

class TransferSignerTest {
  private static final List<Credentials> SENDERS = DevAccounts.derive(DevAccounts.TEST_MNEMONIC, 5, 3);

  @ParameterizedTest
  @EnumSource(TxKind.class)
  void signsRoundRobinWithConsecutiveNoncesPerSender(TxKind kind) throws Exception {
    Fees fees = new Fees(kind, BigInteger.valueOf(3_000_000_000L), BigInteger.valueOf(1_000_000_000L));
    List<BigInteger> start = List.of(BigInteger.ZERO, BigInteger.valueOf(7), BigInteger.valueOf(100));
    List<PreSignedTx> txs = new TransferSigner(901, fees, BigInteger.valueOf(21_000), BigInteger.TWO)
        .signAll(SENDERS, start, 10);

    assertThat(txs).hasSize(10);
    for (int k = 0; k < 10; k++) {
      PreSignedTx tx = txs.get(k);
      int s = k % 3;
      BigInteger nonce = start.get(s).add(BigInteger.valueOf(k / 3));
      byte[] raw = Numeric.hexStringToByteArray(tx.rawHex());
      SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(tx.rawHex());

      assertThat(tx.seq()).isEqualTo(k);
      assertThat(tx.hash()).isEqualTo(Numeric.toHexString(Hash.sha3(raw)));
      assertThat(tx.sender()).isEqualTo(SENDERS.get(s).getAddress());
      assertThat(tx.nonce()).isEqualTo(nonce);
      assertThat(decoded.getFrom()).isEqualTo(SENDERS.get(s).getAddress());
      assertThat(decoded.getNonce()).isEqualTo(nonce);
      assertThat(decoded.getTo()).isEqualTo(SENDERS.get((s + 1) % 3).getAddress());
      assertThat(decoded.getValue()).isEqualTo(BigInteger.TWO);
      assertThat(decoded.getGasLimit()).isEqualTo(BigInteger.valueOf(21_000));
      assertThat(FakeNode.chainId(decoded)).isEqualTo(901L);
      if (kind == TxKind.LEGACY) {
        assertThat(decoded.getType()).isEqualTo(TransactionType.LEGACY);
        assertThat(decoded.getGasPrice()).isEqualTo(fees.maxFeePerGas());
      } else {
        assertThat(raw[0]).isEqualTo((byte) 2);
        assertThat(decoded.getType()).isEqualTo(TransactionType.EIP1559);
      }
    }
  }
}
