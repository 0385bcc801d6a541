package dev.raftseq.chain.rlp;

import dev.raftseq.chain.codec.DecodeException;

/**
 * Bytes that are not canonical RLP, or not the RLP shape the caller expected. A subtype of
 * {@link DecodeException} so decoders built on {@link RlpReader} need only one catch.
 */
public final class RlpException extends DecodeException {
  private static final long serialVersionUID = 1L;

  public RlpException(String message) {
    super(message);
  }
}
