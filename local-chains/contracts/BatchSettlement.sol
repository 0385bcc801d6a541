// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title raftseq batch settlement
/// @notice Keeps the hash chain of an L2's batches on L1 and accepts a batch as proven when more
/// than half of the consensus committee has signed its commitment. Each batch goes through three
/// steps, each in strict batch order: commit (the operator publishes the batch), prove (a quorum
/// of committee signatures over the commitment), execute (the batch's state root becomes final).
///
/// Batch 0 is the genesis block alone; it is stored by the constructor as committed, proven and
/// executed. Batch n covers L2 blocks firstBlock..lastBlock, contiguous with batch n-1.
///
/// Commitment of batch n (the 32-byte value the committee signs), ABI-encoded static words:
///   keccak256(abi.encode(COMMITMENT_DOMAIN, l2ChainId, n, firstBlock, lastBlock,
///                        prevStateRoot, newStateRoot, blocksHash, prevCommitment))
/// where blocksHash = keccak256(blockHash(firstBlock) ++ ... ++ blockHash(lastBlock)) and
/// prevCommitment is batch n-1's commitment. A committee member signs
/// keccak256("\x19Ethereum Signed Message:\n32" ++ commitment) (EIP-191, as `cast wallet sign`).
contract BatchSettlement {
    bytes32 public constant COMMITMENT_DOMAIN = keccak256("raftseq.batch.v1");
    uint256 private constant HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    struct StoredBatch {
        uint64 firstBlock;
        uint64 lastBlock;
        bytes32 stateRoot;
        bytes32 commitment;
    }

    /// The only account that may commit batches. Proving and executing are open to anyone: their
    /// validity rests on the committee's signatures and on the order, not on who sends them.
    address public immutable operator;
    uint256 public immutable l2ChainId;
    /// Valid signatures needed to prove a batch: more than half of the committee.
    uint256 public immutable quorum;

    address[] private committee;
    /// committee member => its position + 1 (0: not a member)
    mapping(address => uint256) private memberSlot;

    uint256 private totalCommitted;
    uint256 private totalVerified;
    uint256 private totalExecuted;
    mapping(uint256 => StoredBatch) private batches;

    event BlockCommit(uint256 indexed batchNumber, bytes32 indexed commitment, uint64 firstBlock, uint64 lastBlock, bytes32 newStateRoot);
    event BlocksVerification(uint256 indexed batchNumber, bytes32 indexed commitment, uint256 signers);
    event BlockExecution(uint256 indexed batchNumber, bytes32 indexed commitment, bytes32 stateRoot);

    error NotOperator(address sender);
    error EmptyCommittee();
    error CommitteeTooLarge(uint256 size);
    error BadCommitteeMember(address member);
    error UnexpectedBatchNumber(uint256 expected, uint256 got);
    error NonContiguousBlocks(uint64 expectedFirstBlock, uint64 firstBlock);
    error EmptyBlockRange(uint64 firstBlock, uint64 lastBlock);
    error WrongPreviousStateRoot(bytes32 expected, bytes32 got);
    error BatchNotCommitted(uint256 batchNumber);
    error BatchNotProven(uint256 batchNumber);
    error MalformedSignature(uint256 index);
    error SignerNotInCommittee(uint256 index, address signer);
    error DuplicateSigner(uint256 index, address signer);
    error NotEnoughSignatures(uint256 signers, uint256 required);

    constructor(
        address operator_,
        address[] memory committee_,
        uint256 l2ChainId_,
        bytes32 genesisStateRoot,
        bytes32 genesisBlockHash
    ) {
        if (committee_.length == 0) revert EmptyCommittee();
        if (committee_.length > 256) revert CommitteeTooLarge(committee_.length);
        for (uint256 i = 0; i < committee_.length; i++) {
            address m = committee_[i];
            if (m == address(0) || memberSlot[m] != 0) revert BadCommitteeMember(m);
            memberSlot[m] = i + 1;
        }
        operator = operator_;
        committee = committee_;
        l2ChainId = l2ChainId_;
        quorum = committee_.length / 2 + 1;
        bytes32 genesisCommitment = _commitment(
            0, 0, 0, bytes32(0), genesisStateRoot, keccak256(abi.encodePacked(genesisBlockHash)), bytes32(0)
        );
        batches[0] = StoredBatch(0, 0, genesisStateRoot, genesisCommitment);
    }

    /// Publishes batch `batchNumber` (the last committed + 1), covering L2 blocks
    /// firstBlock..lastBlock (the block after the previous batch's last), which moves the state
    /// from prevStateRoot (the previous batch's new root) to newStateRoot.
    function commitBatch(
        uint256 batchNumber,
        uint64 firstBlock,
        uint64 lastBlock,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        bytes32 blocksHash
    ) external {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        if (batchNumber != totalCommitted + 1) revert UnexpectedBatchNumber(totalCommitted + 1, batchNumber);
        StoredBatch storage prev = batches[batchNumber - 1];
        if (firstBlock != prev.lastBlock + 1) revert NonContiguousBlocks(prev.lastBlock + 1, firstBlock);
        if (lastBlock < firstBlock) revert EmptyBlockRange(firstBlock, lastBlock);
        if (prevStateRoot != prev.stateRoot) revert WrongPreviousStateRoot(prev.stateRoot, prevStateRoot);
        bytes32 c = _commitment(
            batchNumber, firstBlock, lastBlock, prevStateRoot, newStateRoot, blocksHash, prev.commitment
        );
        batches[batchNumber] = StoredBatch(firstBlock, lastBlock, newStateRoot, c);
        totalCommitted = batchNumber;
        emit BlockCommit(batchNumber, c, firstBlock, lastBlock, newStateRoot);
    }

    /// Proves batch `batchNumber` (the last proven + 1, already committed) with 65-byte
    /// signatures r ++ s ++ v (v = 27 or 28, low s) of committee members over its commitment:
    /// every signature must be valid and by a distinct member, and there must be `quorum` of them.
    function proveBatch(uint256 batchNumber, bytes[] calldata signatures) external {
        if (batchNumber != totalVerified + 1) revert UnexpectedBatchNumber(totalVerified + 1, batchNumber);
        if (batchNumber > totalCommitted) revert BatchNotCommitted(batchNumber);
        bytes32 c = batches[batchNumber].commitment;
        bytes32 digest = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", c));
        uint256 seen; // bit i: committee member i has signed
        for (uint256 i = 0; i < signatures.length; i++) {
            address signer = _recover(digest, signatures[i], i);
            uint256 slot = memberSlot[signer];
            if (slot == 0) revert SignerNotInCommittee(i, signer);
            uint256 bit = 1 << (slot - 1);
            if (seen & bit != 0) revert DuplicateSigner(i, signer);
            seen |= bit;
        }
        if (signatures.length < quorum) revert NotEnoughSignatures(signatures.length, quorum);
        totalVerified = batchNumber;
        emit BlocksVerification(batchNumber, c, signatures.length);
    }

    /// Executes batch `batchNumber` (the last executed + 1, already proven): its state root is final.
    function executeBatch(uint256 batchNumber) external {
        if (batchNumber != totalExecuted + 1) revert UnexpectedBatchNumber(totalExecuted + 1, batchNumber);
        if (batchNumber > totalVerified) revert BatchNotProven(batchNumber);
        totalExecuted = batchNumber;
        StoredBatch storage b = batches[batchNumber];
        emit BlockExecution(batchNumber, b.commitment, b.stateRoot);
    }

    function getTotalBatchesCommitted() external view returns (uint256) {
        return totalCommitted;
    }

    function getTotalBatchesVerified() external view returns (uint256) {
        return totalVerified;
    }

    function getTotalBatchesExecuted() external view returns (uint256) {
        return totalExecuted;
    }

    /// The state root after batch `batchNumber` (zero if it is not committed).
    function batchStateRoot(uint256 batchNumber) external view returns (bytes32) {
        return batches[batchNumber].stateRoot;
    }

    /// The commitment of batch `batchNumber` (zero if it is not committed).
    function batchCommitment(uint256 batchNumber) external view returns (bytes32) {
        return batches[batchNumber].commitment;
    }

    /// The L2 block range of batch `batchNumber` (0, 0 for genesis and for batches not committed).
    function batchBlocks(uint256 batchNumber) external view returns (uint64 firstBlock, uint64 lastBlock) {
        StoredBatch storage b = batches[batchNumber];
        return (b.firstBlock, b.lastBlock);
    }

    function committeeMembers() external view returns (address[] memory) {
        return committee;
    }

    function _commitment(
        uint256 batchNumber,
        uint64 firstBlock,
        uint64 lastBlock,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        bytes32 blocksHash,
        bytes32 prevCommitment
    ) private view returns (bytes32) {
        return keccak256(
            abi.encode(
                COMMITMENT_DOMAIN,
                l2ChainId,
                batchNumber,
                firstBlock,
                lastBlock,
                prevStateRoot,
                newStateRoot,
                blocksHash,
                prevCommitment
            )
        );
    }

    function _recover(bytes32 digest, bytes calldata sig, uint256 index) private pure returns (address) {
        if (sig.length != 65) revert MalformedSignature(index);
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if ((v != 27 && v != 28) || uint256(s) > HALF_N || r == 0 || s == 0) revert MalformedSignature(index);
        address signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert MalformedSignature(index);
        return signer;
    }
}
