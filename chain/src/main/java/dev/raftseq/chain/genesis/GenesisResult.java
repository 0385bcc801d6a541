package dev.raftseq.chain.genesis;

import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.types.Block;

/** Block 0 and its state, to be committed as {@code new BlockCommit(block, List.of(), state, null)}. */
public record GenesisResult(Block block, PreparedState state) {}
