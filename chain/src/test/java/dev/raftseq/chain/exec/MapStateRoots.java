package dev.raftseq.chain.exec;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fake {@link StateRootCalculator} for unit tests of execution logic: every state is a full
 * sorted account map, its "root" the keccak of a canonical text serialization (not Ethereum's
 * trie root, but as sensitive to every field). {@link #commit} makes a prepared state readable.
 */
final class MapStateRoots implements StateRootCalculator {
  private final Map<Hash, TreeMap<Address, Account>> states = new HashMap<>();
  private final Map<Hash, byte[]> codes = new HashMap<>();

  MapStateRoots() {
    states.put(Hash.EMPTY_TRIE, new TreeMap<>());
  }

  record Prepared(Hash parentRoot, Hash root, StateDiff diff, TreeMap<Address, Account> accounts)
      implements PreparedState {}

  @Override
  public Prepared prepare(Hash parentRoot, StateDiff diff) {
    TreeMap<Address, Account> parent = states.get(parentRoot);
    if (parent == null) {
      throw new IllegalArgumentException("unknown parent root " + parentRoot);
    }
    TreeMap<Address, Account> next = new TreeMap<>(parent);
    diff.accounts().forEach((a, acc) -> {
      if (acc == null) {
        next.remove(a);
      } else {
        next.put(a, acc);
      }
    });
    Hash root = next.isEmpty() ? Hash.EMPTY_TRIE : rootOf(next);
    return new Prepared(parentRoot, root, diff, next);
  }

  void commit(PreparedState prepared) {
    states.put(prepared.root(), ((Prepared) prepared).accounts());
  }

  StateView view(Hash root) {
    TreeMap<Address, Account> accounts = states.get(root);
    if (accounts == null) {
      throw new IllegalArgumentException("unknown root " + root);
    }
    return new StateView() {
      @Override
      public Hash root() {
        return root;
      }

      @Override
      public Account account(Address address) {
        return accounts.get(address);
      }

      @Override
      public Hash storage(Address address, Hash slot) {
        return Hash.ZERO;
      }

      @Override
      public byte[] code(Hash codeHash) {
        return codeHash.equals(Hash.EMPTY_CODE) ? new byte[0] : codes.get(codeHash);
      }
    };
  }

  /** As {@link #stateOf(Map)}, with code the views can read by hash. */
  StateView stateOf(Map<Address, Account> accounts, Map<Hash, byte[]> code) {
    codes.putAll(code);
    return stateOf(accounts);
  }

  /** Commits a state with exactly these accounts and returns its view. */
  StateView stateOf(Map<Address, Account> accounts) {
    Prepared p = prepare(Hash.EMPTY_TRIE, new StateDiff(accounts, Map.of(), Map.of()));
    commit(p);
    return view(p.root());
  }

  private static Hash rootOf(TreeMap<Address, Account> accounts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    accounts.forEach((a, acc) -> {
      String line = a + " " + acc.nonce() + " " + acc.balance() + " " + acc.storageRoot() + " " + acc.codeHash() + "\n";
      out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
    });
    return Keccak.hash(out.toByteArray());
  }
}
