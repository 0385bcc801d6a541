package dev.raftseq.chain.store;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The deterministic workload of the crash test, shared by the writer process and the checker:
 * block n's state diff, its transactions, and the Raft indexes of its pool add and its commit.
 */
final class CrashWorkload {
  static final long CHAIN = 1337;
  static final int ADDRESSES = 3000;
  static final int SLOTS = 16;
  static final int TOUCHED_PER_BLOCK = 150;
  static final int TXS_PER_BLOCK = 4;

  private CrashWorkload() {}

  static Address address(int i) {
    byte[] b = new byte[20];
    b[0] = 0x22;
    b[18] = (byte) (i >> 8);
    b[19] = (byte) i;
    return new Address(b);
  }

  static Hash slot(int i) {
    return Keccak.hash(new byte[] {(byte) i});
  }

  /** Index of block n's commit; the pool add for block n comes just before it. */
  static AppliedIndex commitIndex(long n) {
    return new AppliedIndex(1, 2 * n + 1);
  }

  static AppliedIndex poolIndex(long n) {
    return new AppliedIndex(1, 2 * n);
  }

  static StateDiff diff(long seed, long n) {
    Random r = new Random(seed * 1_000_003L + n);
    Map<Address, Account> accounts = new HashMap<>();
    Map<Address, Map<Hash, Hash>> storage = new HashMap<>();
    int touched = n == 0 ? ADDRESSES / 2 : TOUCHED_PER_BLOCK;
    for (int i = 0; i < touched; i++) {
      Address a = address(r.nextInt(ADDRESSES));
      if (n > 0 && r.nextInt(20) == 0) {
        accounts.put(a, null);
        storage.remove(a);
        continue;
      }
      accounts.put(a, new Account(n, Wei.of(r.nextInt(Integer.MAX_VALUE)), Hash.EMPTY_TRIE, Hash.EMPTY_CODE));
      if (r.nextInt(4) == 0) {
        Map<Hash, Hash> slots = storage.computeIfAbsent(a, x -> new HashMap<>());
        for (int s = 0; s < 2; s++) {
          slots.put(slot(r.nextInt(SLOTS)), r.nextInt(5) == 0 ? Hash.ZERO : Keccak.hash(new byte[] {(byte) n, (byte) s}));
        }
      }
    }
    if (n == 0) {
      for (int i = 0; i < DevAccounts.COUNT; i++) {
        accounts.put(DevAccounts.address(i), new Account(0, Wei.of(1_000_000_000_000L), Hash.EMPTY_TRIE, Hash.EMPTY_CODE));
      }
    }
    return new StateDiff(accounts, storage, Map.of());
  }

  /** Block n's transactions (unique per block: the nonce is n). */
  static List<RecoveredTx> txs(long n) {
    List<RecoveredTx> txs = new ArrayList<>();
    if (n == 0) {
      return txs;
    }
    for (int k = 0; k < TXS_PER_BLOCK; k++) {
      txs.add(TestTxs.eip1559(DevAccounts.privateKey(k), CHAIN, n));
    }
    return txs;
  }

  /** The state after blocks 0..n, as plain maps. */
  static final class Model {
    final Map<Address, Account> accounts = new HashMap<>();
    final Map<Address, Map<Hash, Hash>> storage = new HashMap<>();

    void apply(StateDiff d) {
      d.accounts().forEach((a, acct) -> {
        if (acct == null) {
          accounts.remove(a);
          storage.remove(a);
        } else {
          accounts.put(a, acct);
          Map<Hash, Hash> slots = storage.computeIfAbsent(a, x -> new HashMap<>());
          d.storage().getOrDefault(a, Map.of()).forEach((k, v) -> {
            if (v.equals(Hash.ZERO)) {
              slots.remove(k);
            } else {
              slots.put(k, v);
            }
          });
          if (slots.isEmpty()) {
            storage.remove(a);
          }
        }
      });
    }
  }
}
