package dev.raftseq.producer;

import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.producer.mempool.Mempool;
import dev.raftseq.producer.mempool.MempoolConfig;
import dev.raftseq.producer.mempool.TxPoolListener;
import dev.raftseq.producer.testing.FakeState;
import dev.raftseq.producer.testing.ManualClock;
import dev.raftseq.producer.testing.Txs;
import java.time.Duration;
import java.util.OptionalLong;

/** A production loop wired to fakes: a real mempool, a fake chain, builder, sink and gate. */
final class LoopHarness {
  static final long GENESIS_MILLIS = 1_000_000;
  static final long BLOCK_TIME = 250;

  final ManualClock clock = new ManualClock(GENESIS_MILLIS);
  final Mempool pool;
  final FakeState genesis;
  final FakeChain chain;
  final FakeBuilding building = new FakeBuilding();
  final FakeSink sink;
  final ProductionLoop loop;
  OptionalLong term = OptionalLong.empty();

  LoopHarness(ProducerConfig config, long blockGasLimit, TxPoolListener listener, Address... funded) {
    pool = new Mempool(MempoolConfig.defaults(Txs.CHAIN_ID, blockGasLimit), listener);
    genesis = FakeState.funded(funded);
    chain = new FakeChain(genesis, GENESIS_MILLIS, blockGasLimit, pool);
    sink = new FakeSink(chain, building, pool);
    loop = new ProductionLoop("node-test", config, chain, () -> term, pool, building, sink);
  }

  static ProducerConfig config(int maxTx, boolean empty) {
    return new ProducerConfig(Duration.ofMillis(BLOCK_TIME), maxTx, empty, Txs.addr(900), Txs.CHAIN_ID);
  }

  static LoopHarness standard(Address... funded) {
    return new LoopHarness(config(1_000, false), 30_000_000, TxPoolListener.NONE, funded);
  }

  void lead(long t) {
    term = OptionalLong.of(t);
  }

  void follow() {
    term = OptionalLong.empty();
  }

  void add(RecoveredTx... txs) throws TxRejectedException {
    for (RecoveredTx t : txs) {
      pool.add(t, chain.headState(), BaseFee.next(chain.headBlock().header()));
    }
  }

  long tickAt(long millis) {
    clock.set(millis);
    return loop.tick(millis);
  }
}
