package dev.raftseq.evm.state;

import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.Word;

/**
 * Everything the interpreter sees of the world during one transaction: accounts, code,
 * storage, transient storage (EIP-1153), the EIP-2929 access sets, logs, the refund counter,
 * and snapshots to roll all of it back when a frame reverts.
 */
public interface WorldState {
  boolean exists(EvmAddress a);

  /** EIP-161: the account does not exist, or has no nonce, no balance and no code. */
  boolean isEmpty(EvmAddress a);

  Word balance(EvmAddress a);

  long nonce(EvmAddress a);

  void setNonce(EvmAddress a, long nonce);

  /** keccak of the code; {@link dev.raftseq.evm.Keccak#EMPTY} for accounts without code or missing ones. */
  Word codeHash(EvmAddress a);

  byte[] code(EvmAddress a);

  void setCode(EvmAddress a, byte[] code);

  /** Adds (creating the account if needed) and marks it touched, even for zero. */
  void addBalance(EvmAddress a, Word amount);

  void subBalance(EvmAddress a, Word amount);

  /** Marks an account touched (EIP-161: an empty touched account is deleted at the end). */
  void touch(EvmAddress a);

  /** A contract is created at {@code a} now (EIP-6780 remembers it); keeps its balance. */
  void createContract(EvmAddress a);

  boolean createdInThisTransaction(EvmAddress a);

  /** SELFDESTRUCT bookkeeping: the account is deleted when the transaction ends. */
  void markDestructed(EvmAddress a);

  /** EIP-7610: the account has non-zero storage. */
  boolean hasStorage(EvmAddress a);

  Word storage(EvmAddress a, Word key);

  /** The slot's value when the transaction started (EIP-2200's "original"). */
  Word originalStorage(EvmAddress a, Word key);

  void setStorage(EvmAddress a, Word key, Word value);

  Word transientStorage(EvmAddress a, Word key);

  void setTransientStorage(EvmAddress a, Word key, Word value);

  /** Marks the address warm; true when it already was (EIP-2929). */
  boolean warmAccount(EvmAddress a);

  /** Marks the slot warm; true when it already was. */
  boolean warmSlot(EvmAddress a, Word key);

  void addLog(EvmLog log);

  void addRefund(long gas);

  void subRefund(long gas);

  long refund();

  /** A point to {@link #revertTo} later. */
  int snapshot();

  void revertTo(int snapshot);
}
