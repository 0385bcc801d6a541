package dev.raftseq.p2p.rlpx;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.p2p.NodeId;

/**
 * The session keys both sides derive from a completed handshake (rlpx.md, "Initial Handshake"),
 * and the initial MAC states.
 */
public final class Secrets {
  private final NodeId remoteId;
  private final byte[] aesSecret;
  private final byte[] macSecret;
  final MacState egressMac;
  final MacState ingressMac;

  private Secrets(NodeId remoteId, byte[] aesSecret, byte[] macSecret, MacState egress, MacState ingress) {
    this.remoteId = remoteId;
    this.aesSecret = aesSecret;
    this.macSecret = macSecret;
    this.egressMac = egress;
    this.ingressMac = ingress;
  }

  /**
   * @param authPacket the whole auth packet as sent (size prefix included)
   * @param ackPacket the whole ack packet as sent
   */
  public static Secrets derive(boolean initiator, NodeId remoteId, byte[] ephemeralPrivateKey,
      byte[] remoteEphemeralPublicKey, byte[] initiatorNonce, byte[] recipientNonce, byte[] authPacket, byte[] ackPacket) {
    byte[] ephemeralShared = Secp256k1.ecdhX(ephemeralPrivateKey, remoteEphemeralPublicKey);
    byte[] sharedSecret = Keccak.digest(concat(ephemeralShared, Keccak.digest(concat(recipientNonce, initiatorNonce))));
    byte[] aesSecret = Keccak.digest(concat(ephemeralShared, sharedSecret));
    byte[] macSecret = Keccak.digest(concat(ephemeralShared, aesSecret));
    MacState sentByInitiator = new MacState(macSecret, concat(xor(macSecret, recipientNonce), authPacket));
    MacState sentByRecipient = new MacState(macSecret, concat(xor(macSecret, initiatorNonce), ackPacket));
    return initiator
        ? new Secrets(remoteId, aesSecret, macSecret, sentByInitiator, sentByRecipient)
        : new Secrets(remoteId, aesSecret, macSecret, sentByRecipient, sentByInitiator);
  }

  /** The peer whose static key the handshake proved. */
  public NodeId remoteId() {
    return remoteId;
  }

  public byte[] aesSecret() {
    return aesSecret.clone();
  }

  public byte[] macSecret() {
    return macSecret.clone();
  }

  /** The ingress MAC digest after feeding it {@code input} (for the EIP-8 test vector). */
  byte[] ingressDigestAfter(byte[] input) {
    ingressMac.update(input, 0, input.length);
    return ingressMac.digest();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }
}
