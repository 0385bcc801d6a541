package dev.raftseq.chain.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Bloom;

class BlockCodecTest {
  private static final long CHAIN = 1337;

  /**
   * Ethereum mainnet block 23,535,880 (eth_getBlockByNumber output as snapshotted in wagmi's
   * getBlock test, wevm/wagmi packages/core/src/actions/getBlock.test.ts). It is a Prague block:
   * its RLP is our 20 Cancun fields plus requestsHash (EIP-7685), so appending that one field to
   * our encoding must give the real block hash, which pins field order and every encoding.
   */
  static Header mainnet23535880() {
    return new Header(
        Hash.fromHex("0x1fab238a9630a2e95c8b735ebc63bc2751bc6492f409ee16a7b5a532985196eb"),
        Hash.EMPTY_LIST,
        Address.fromHex("0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97"),
        Hash.fromHex("0xd3c86549e5d57f14bd0b28630b70cb68038ac3334251bd194c93a18d96492f39"),
        Hash.fromHex("0x9da0226f723a9da4b8df8782930c0e83bd73c4a393069ee7861465188eed989b"),
        Hash.fromHex("0x01d0a60dd8fd8de710a191aba91f82e2a437ac21a6e77b21b2f745809e7feadf"),
        Hex.decode("0x3effc77fb16497fa74fffeb6ef65dfbd7b97f8dd7f198ff37abfcf5fdeb329e7bdbc9d8caffdf765f7b75df9e737"
            + "eff773fbf639ff9ffb376fb726a7ff2f68dffea0de7fafd3f7fbff8d5fdff57becf3e76f3f73fefc1ff9bbf9df7fb3fffff13f577"
            + "b7fdffeb7f7ffb8cd71ff93fff3bfffd7e3bfbe576daefdfff6fb5afedf8ffbbd7d7baf977f46fbffceebfbe86fc6ffb6f1eff3f"
            + "bbfbeb9eefbf954ffe3fbff9d73b8f9ecfdcfdf7df3fdd9ff3bbfdfe9efe8ffee6ff7fe4a3ff7a5fefbfffffcffcd7f2bc04bdf7"
            + "c52d3fdfeff3f7dfe7b4fefa9f46edb53c2de9ffb7f3ffdff6fefa67f64f6e7f7bff5af1dffffeff9b99ff86fef589e3bbfffdf"
            + "ffb7"),
        0, 23_535_880, 45_000_000, 30_531_630, 1_759_960_991,
        Hex.decode("0x546974616e2028746974616e6275696c6465722e78797a29"), // "Titan (titanbuilder.xyz)"
        Hash.fromHex("0x15350a0cad9bc5cb1298b3710db038850f1df5d8ac00c4ca3b03fb64c7e8ab78"),
        0, Wei.of(194_923_488),
        Hash.fromHex("0x0740ba007069960b2d60f77b0ce2648cffa3573accd055d4803eb771e32903e7"),
        786_432, 0,
        Hash.fromHex("0x2bd55d2f0e1a3d3e181659ebc21bb167527e517de88b39b0d7ebbeeb3e28eebc"));
  }

  @Test
  void mainnetHeaderFieldsEncodeAsEthereumDoes() throws Exception {
    Header h = mainnet23535880();
    byte[] cancun = BlockCodec.encodeHeader(h);
    RlpReader fields = RlpReader.of(cancun).readList("header");
    byte[] prague = new RlpWriter().startList()
        .writeRaw(cancun, fields.position(), fields.limit() - fields.position())
        .writeHash(Hash.fromHex("0x965c860907968cab126093a785436ad747495ae45b21dac1b6a92ae0f4866ce0"))
        .endList().toByteArray();
    assertThat(Keccak.hash(prague))
        .isEqualTo(Hash.fromHex("0xe38d4bb2060a54519508612f40ef737a09c5b20488c12b0bec2d4f5ea7073c15"));
    assertThat(BlockCodec.decodeHeader(cancun)).isEqualTo(h);
    assertThat(BlockCodec.encodeHeader(BlockCodec.decodeHeader(cancun))).isEqualTo(cancun);
  }

  /**
   * A 20-field Cancun header and its hash as returned by an execution client (eth_simulateV1
   * output quoted in paradigmxyz/reth issue "eth_simulateV1 inconsistencies with the spec").
   */
  @Test
  void cancunHeaderHashesToTheClientComputedHash() throws Exception {
    Header h = new Header(
        Hash.fromHex("0xe38f6ccdd54be08167884b0ff937c4e6de0c832f50450e1c478b0d2c1068f556"), Hash.EMPTY_LIST,
        Address.fromHex("0x4200000000000000000000000000000000000011"),
        Hash.fromHex("0x1f35f1a0b2f5e829f701b186cf15153bc0258f619ce336d4850cb4abc75f47f7"),
        Hash.fromHex("0x84a852ee7845263f641d071b02f898f05a594a40e188817b9673adf200761fb0"),
        Hash.fromHex("0x75308898d571eafb5cd8cde8278bf5b3d13c5f6ec074926de3bb895b519264e1"),
        new byte[256], 0, 0x16cf07cL, 0x2e631, 0xa410, 0x67ed3fe2L, new byte[0], Hash.ZERO, 0, Wei.of(9),
        Hash.EMPTY_TRIE, 0, 0, Hash.ZERO);
    assertThat(BlockCodec.hash(h))
        .isEqualTo(Hash.fromHex("0x06020b5490170ea024bb8ca8b965074398a7d28a1416bde587d77d1ecf68e504"));
    assertThat(BlockCodec.decodeHeader(BlockCodec.encodeHeader(h))).isEqualTo(h);
  }

  @Test
  void headerNonceIsAnEightByteString() {
    Header h = withNonce(mainnet23535880(), 0x0102030405060708L);
    byte[] enc = BlockCodec.encodeHeader(h);
    assertThat(Hex.encode(enc)).contains("880102030405060708");
  }

  @Test
  void malformedHeadersAreRejected() {
    byte[] good = BlockCodec.encodeHeader(mainnet23535880());
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> BlockCodec.decodeHeader(trailing)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("trailing");
    RlpReader fields = uncheckedFields(good);
    byte[] extraField = new RlpWriter().startList()
        .writeRaw(good, fields.position(), fields.limit() - fields.position()).writeLong(1).endList().toByteArray();
    assertThatThrownBy(() -> BlockCodec.decodeHeader(extraField)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("20 fields");
    byte[] missingField = new RlpWriter().startList()
        .writeRaw(good, fields.position(), fields.limit() - fields.position() - 33).endList().toByteArray();
    assertThatThrownBy(() -> BlockCodec.decodeHeader(missingField)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("parentBeaconBlockRoot");
    assertThatThrownBy(() -> BlockCodec.decodeHeader(new byte[0])).isInstanceOf(DecodeException.class);
  }

  @Test
  void blocksRoundTripWithEveryTransactionTypeAndRecoverSenders() throws Exception {
    List<RecoveredTx> txs = List.of(
        TestTxs.legacy(DevAccounts.privateKey(0), CHAIN, 0),
        TestTxs.accessList(DevAccounts.privateKey(1), CHAIN, 0),
        TestTxs.eip1559(DevAccounts.privateKey(2), CHAIN, 0));
    Block block = BlockCodec.block(mainnet23535880(), txs);
    byte[] enc = BlockCodec.encodeBlock(block);

    Block decoded = BlockCodec.decodeBlock(enc, CHAIN);
    assertThat(decoded.hash()).isEqualTo(block.hash()).isEqualTo(BlockCodec.hash(block.header()));
    assertThat(decoded.header()).isEqualTo(block.header());
    assertThat(decoded.transactions()).extracting(RecoveredTx::hash)
        .containsExactlyElementsOf(txs.stream().map(RecoveredTx::hash).toList());
    assertThat(decoded.transactions()).extracting(RecoveredTx::sender)
        .containsExactly(DevAccounts.address(0), DevAccounts.address(1), DevAccounts.address(2));
    assertThat(BlockCodec.encodeBlock(decoded)).isEqualTo(enc);

    // typed transactions are RLP strings inside the list, legacy ones are lists
    RlpReader body = RlpReader.of(enc).readList("block");
    body.skip();
    RlpReader list = body.readList("txs");
    assertThat(list.nextIsList()).isTrue();
    list.skip();
    assertThat(list.nextIsList()).isFalse();
  }

  @Test
  void blockDecodingEnforcesChainIdAndShape() {
    RecoveredTx tx = TestTxs.eip1559(DevAccounts.privateKey(0), CHAIN, 0);
    Header h = mainnet23535880();
    byte[] enc = BlockCodec.encodeBlock(BlockCodec.block(h, List.of(tx)));
    assertThatThrownBy(() -> BlockCodec.decodeBlock(enc, CHAIN + 1)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("transaction 0").hasMessageContaining("chain id");

    byte[] header = BlockCodec.encodeHeader(h);
    byte[] withOmmer = new RlpWriter().startList().writeRaw(header).startList().endList()
        .startList().writeRaw(header).endList().startList().endList().endList().toByteArray();
    assertThatThrownBy(() -> BlockCodec.decodeBlock(withOmmer, CHAIN)).hasMessageContaining("ommers");

    RecoveredTx legacy = TestTxs.legacy(DevAccounts.privateKey(0), CHAIN, 0);
    byte[] legacyAsString = new RlpWriter().startList().writeRaw(header).startList()
        .writeBytes(legacy.encoded()).endList().startList().endList().startList().endList().endList().toByteArray();
    assertThatThrownBy(() -> BlockCodec.decodeBlock(legacyAsString, CHAIN)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("typed transaction");

    byte[] noWithdrawals = new RlpWriter().startList().writeRaw(header).startList().endList()
        .startList().endList().endList().toByteArray();
    assertThatThrownBy(() -> BlockCodec.decodeBlock(noWithdrawals, CHAIN)).hasMessageContaining("withdrawals");
  }

  @Test
  void receiptsRoundTripAsTypedEnvelopes() throws Exception {
    Log log = new Log(DevAccounts.address(5), List.of(Hash.EMPTY_CODE, Hash.ZERO), new byte[] {1, 2, 3});
    for (TxType type : TxType.values()) {
      for (boolean success : new boolean[] {true, false}) {
        Receipt r = new Receipt(type, success, 123_456, BlockCodec.bloom(List.of(log)), List.of(log));
        byte[] enc = BlockCodec.encodeReceipt(r);
        if (type == TxType.LEGACY) {
          assertThat(enc[0] & 0xff).isGreaterThanOrEqualTo(0xc0);
        } else {
          assertThat(enc[0]).isEqualTo((byte) type.code());
        }
        Receipt back = BlockCodec.decodeReceipt(enc);
        assertThat(back).usingRecursiveComparison().isEqualTo(r);
        assertThat(BlockCodec.encodeReceipt(back)).isEqualTo(enc);
      }
    }
  }

  @Test
  void receiptStatusIsOneOrEmpty() {
    Receipt failed = new Receipt(TxType.LEGACY, false, 21000, new byte[256], List.of());
    byte[] enc = BlockCodec.encodeReceipt(failed);
    // rlp([0x80, 0x825208, bloom, []]): status zero is the empty string
    assertThat(Hex.encode(enc)).startsWith("0xf9010880825208b90100");
    byte[] badStatus = enc.clone();
    badStatus[4] = 0x02;
    assertThatThrownBy(() -> BlockCodec.decodeReceipt(badStatus)).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> BlockCodec.decodeReceipt(new byte[] {0x05, (byte) 0xc0}))
        .hasMessageContaining("unsupported receipt type");
  }

  @Test
  void bloomMatchesWeb3jsIndependentImplementation() {
    Random rnd = new Random(7);
    for (int round = 0; round < 50; round++) {
      List<Log> logs = new ArrayList<>();
      Bloom reference = new Bloom();
      for (int i = 0; i < rnd.nextInt(4); i++) {
        byte[] a = new byte[20];
        rnd.nextBytes(a);
        List<Hash> topics = new ArrayList<>();
        reference.add(a);
        for (int t = 0; t < rnd.nextInt(5); t++) {
          byte[] topic = new byte[32];
          rnd.nextBytes(topic);
          topics.add(new Hash(topic));
          reference.add(topic);
        }
        logs.add(new Log(new Address(a), topics, new byte[0]));
      }
      assertThat(BlockCodec.bloom(logs)).isEqualTo(reference.getBytes());
    }
    assertThat(BlockCodec.bloom(List.of())).isEqualTo(new byte[256]);
  }

  @Test
  void blockBloomIsTheUnionOfReceiptBlooms() {
    Log a = new Log(DevAccounts.address(1), List.of(), new byte[0]);
    Log b = new Log(DevAccounts.address(2), List.of(Hash.EMPTY_TRIE), new byte[0]);
    Receipt ra = new Receipt(TxType.LEGACY, true, 1, BlockCodec.bloom(List.of(a)), List.of(a));
    Receipt rb = new Receipt(TxType.EIP1559, true, 2, BlockCodec.bloom(List.of(b)), List.of(b));
    assertThat(BlockCodec.bloomOfReceipts(List.of(ra, rb))).isEqualTo(BlockCodec.bloom(List.of(a, b)));
  }

  private static RlpReader uncheckedFields(byte[] header) {
    try {
      return RlpReader.of(header).readList("header");
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  static Header withNonce(Header h, long nonce) {
    return new Header(h.parentHash(), h.ommersHash(), h.coinbase(), h.stateRoot(), h.transactionsRoot(),
        h.receiptsRoot(), h.logsBloom(), h.difficulty(), h.number(), h.gasLimit(), h.gasUsed(), h.timestamp(),
        h.extraData(), h.mixHash(), nonce, h.baseFeePerGas(), h.withdrawalsRoot(), h.blobGasUsed(),
        h.excessBlobGas(), h.parentBeaconBlockRoot());
  }
}
