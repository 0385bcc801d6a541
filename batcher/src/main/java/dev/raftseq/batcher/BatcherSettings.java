package dev.raftseq.batcher;

import dev.raftseq.batcher.batch.BatchLimits;
import dev.raftseq.batcher.l1.SubmitterSettings;
import dev.raftseq.chain.types.Address;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the batcher is configured with, as plain values (the node's configuration module
 * reads them from Typesafe Config; see README "Batcher / L1 settlement" for the setting names).
 *
 * @param settle whether this node settles batches on L1 (batcher.enabled); every consensus node
 *     seals and attests batches regardless
 * @param followLeader settle only while this node is the Raft leader (batcher.follow_leader)
 * @param dataDir where the batch index and the L1 progress file live
 * @param contractAddress the BatchSettlement contract (l1_sender.contract_address); required to settle
 * @param operatorPrivateKey hex; required to settle (l1_sender.operator_commit_pk or its key file)
 * @param pollInterval how often the loop looks for new blocks and L1 progress
 * @param maxBackoff the longest wait between attempts while the L1 fails
 */
public record BatcherSettings(
    boolean settle,
    boolean followLeader,
    BatchLimits limits,
    Path dataDir,
    URI l1RpcUrl,
    Duration l1RequestTimeout,
    Optional<Address> contractAddress,
    Optional<String> operatorPrivateKey,
    SubmitterSettings submitter,
    Duration pollInterval,
    Duration maxBackoff) {
  public BatcherSettings {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(l1RpcUrl, "l1RpcUrl");
    Objects.requireNonNull(l1RequestTimeout, "l1RequestTimeout");
    Objects.requireNonNull(contractAddress, "contractAddress");
    Objects.requireNonNull(operatorPrivateKey, "operatorPrivateKey");
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (settle && (contractAddress.isEmpty() || operatorPrivateKey.isEmpty())) {
      throw new IllegalArgumentException("settling needs the contract address and the operator key");
    }
  }

  @Override
  public String toString() {
    return "BatcherSettings[settle=" + settle + ", followLeader=" + followLeader + ", limits=" + limits + ", dataDir="
        + dataDir + ", l1=" + l1RpcUrl + ", contract=" + contractAddress.map(Address::toHex).orElse("-")
        + ", operatorKey=" + (operatorPrivateKey.isPresent() ? "(set)" : "-") + ", submitter=" + submitter + "]";
  }
}
