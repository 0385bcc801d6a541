package dev.raftseq.evm;

/**
 * The outcome of a top-level message call or contract creation.
 *
 * @param success the frame returned normally (state changes kept)
 * @param reverted the frame ended with REVERT (state rolled back, gas left returned)
 * @param gasLeft gas not used (0 after an exceptional halt)
 * @param output return data (for a creation: the deployed code), or revert data
 * @param created the new contract's address on a successful creation, else null
 * @param error why the frame failed, null on success
 */
public record ExecResult(
    boolean success, boolean reverted, long gasLeft, byte[] output, EvmAddress created, String error) {}
