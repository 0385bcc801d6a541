package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Random candidate lists: value is conserved up to the burned base fee, nonces follow inclusions. */
class BlockBuilderPropertyTest {
  static final int ACCOUNTS = 4;
  static final List<Address> ADDRESSES = new ArrayList<>();

  static {
    for (int i = 0; i < ACCOUNTS; i++) {
      ADDRESSES.add(DevKeys.address(i));
    }
  }

  @Property(tries = 40)
  void valueIsConservedExceptTheBurnedBaseFee(@ForAll long seed) {
    Random random = new Random(seed);
    TestChain chain = new TestChain(ACCOUNTS, 21_000L * (5 + random.nextInt(20)), TxSpec.GWEI);
    List<RecoveredTx> candidates = new ArrayList<>();
    int[] nextNonce = new int[ACCOUNTS];
    for (int i = 0; i < 25; i++) {
      int from = random.nextInt(ACCOUNTS);
      int nonce = random.nextInt(10) < 8 ? nextNonce[from]++ : random.nextInt(5);
      Wei value = Wei.of(BigInteger.TEN.pow(random.nextInt(24)));
      Wei cap = Wei.of(random.nextInt(2_000_000_000)); // sometimes below the 0.875 gwei base fee
      Wei tip = Wei.of(random.nextInt(1_000_000_000));
      Address to = random.nextInt(4) == 0 ? ADDRESSES.get(random.nextInt(ACCOUNTS)) : fresh(random);
      candidates.add(TxSpec.from(from).nonce(nonce).to(to).value(value).fees(cap, tip).sign());
    }
    BlockContext ctx = chain.childContext(chain.genesis, TestChain.GENESIS_SECONDS * 1000 + 1);
    BuiltBlock built =
        new BlockBuilder(chain.roots)
            .build(chain.genesis.header(), chain.state(chain.genesis), ctx, new ListCandidates(candidates), 1000);
    chain.roots.commit(built.state());
    StateView before = chain.state(chain.genesis);
    StateView after = chain.roots.view(built.state().root());

    Map<Address, Account> touched = new HashMap<>();
    built.state().diff().accounts().forEach(touched::put);
    BigInteger delta = BigInteger.ZERO;
    for (Map.Entry<Address, Account> e : touched.entrySet()) {
      Account old = before.account(e.getKey());
      BigInteger was = old == null ? BigInteger.ZERO : old.balance().value();
      BigInteger now = e.getValue() == null ? BigInteger.ZERO : e.getValue().balance().value();
      delta = delta.add(was.subtract(now));
    }
    assertThat(delta).isEqualTo(ctx.baseFee().value().multiply(BigInteger.valueOf(built.gasUsed())));
    assertThat(built.gasUsed()).isEqualTo(21_000L * built.included().size()).isLessThanOrEqualTo(ctx.gasLimit());
    assertThat(built.included().size() + built.rejected().size() + built.deferred().size())
        .isLessThanOrEqualTo(candidates.size());
    for (int i = 0; i < ACCOUNTS; i++) {
      Address a = ADDRESSES.get(i);
      long included = built.included().stream().filter(tx -> tx.sender().equals(a)).count();
      assertThat(after.account(a).nonce()).isEqualTo(included);
      // included nonces of a sender are 0, 1, 2, ... in order
      List<Long> nonces = built.included().stream().filter(tx -> tx.sender().equals(a)).map(tx -> tx.tx().nonce()).toList();
      for (int n = 0; n < nonces.size(); n++) {
        assertThat(nonces.get(n)).isEqualTo(n);
      }
    }
  }

  private static Address fresh(Random random) {
    byte[] b = new byte[20];
    random.nextBytes(b);
    b[0] = (byte) 0x7f; // never a precompile
    return new Address(b);
  }
}
