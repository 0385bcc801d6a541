package dev.raftseq.p2p.rlpx;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.p2p.NodeId;
import java.util.Arrays;
import java.util.Random;

/**
 * The RLPx key exchange in the EIP-8 format (rlpx.md, "Initial Handshake"). Pure: bytes in, bytes
 * and {@link Secrets} out; the connection does the I/O. The initiator must know the recipient's
 * id: auth is encrypted to it, so only the holder of that key can answer, and the ack is
 * encrypted to the initiator's claimed id, so the initiator proves its key by deriving the same
 * secrets (the first frame's MAC checks it).
 */
public final class Handshake {
  /** EIP-8 auth-vsn and ack-vsn. */
  public static final int VERSION = 4;
  /**
   * Largest accepted handshake packet (2-byte size prefix included). EIP-8 packets with the
   * recommended 100-300 bytes of padding are 400-700 bytes; the prefix alone could claim 65 KiB.
   */
  public static final int MAX_PACKET_BYTES = 2048;

  private Handshake() {}

  /** The whole packet's length as announced by its 2-byte prefix. */
  public static int packetLength(byte b0, byte b1) {
    return 2 + (((b0 & 0xff) << 8) | (b1 & 0xff));
  }

  /** Dials: sends auth, reads ack. */
  public static final class Initiator {
    private final NodeKey self;
    private final NodeId remote;
    private final byte[] ephemeralKey;
    private final byte[] nonce;
    private final byte[] authPacket;

    public Initiator(NodeKey self, NodeId remote, Random random) {
      this(self, remote, randomKey(random), randomBytes(random, 32), random);
    }

    Initiator(NodeKey self, NodeId remote, byte[] ephemeralKey, byte[] nonce, Random random) {
      this.self = self;
      this.remote = remote;
      this.ephemeralKey = ephemeralKey.clone();
      this.nonce = nonce.clone();
      byte[] staticShared = Secp256k1.ecdhX(self.privateKey(), remote.unsafeBytes());
      byte[] signature = Secp256k1.sign(new Hash(Secrets.xor(staticShared, nonce)), ephemeralKey);
      byte[] body = new AuthMessage(signature, self.publicKey(), nonce, VERSION).encode();
      this.authPacket = seal(remote.unsafeBytes(), body, random);
    }

    public byte[] authPacket() {
      return authPacket.clone();
    }

    /**
     * @param ackPacket the whole packet, size prefix included
     * @throws HandshakeException when the ack is not for us or malformed
     */
    public Secrets onAck(byte[] ackPacket) throws HandshakeException {
      AckMessage ack;
      try {
        ack = AckMessage.decode(open(self, ackPacket, "ack"));
      } catch (DecodeException e) {
        throw new HandshakeException("malformed ack: " + e.getMessage());
      }
      try {
        return Secrets.derive(true, remote, ephemeralKey, ack.ephemeralPublicKey(), nonce, ack.nonce(), authPacket, ackPacket);
      } catch (IllegalArgumentException e) {
        throw new HandshakeException("ack's ephemeral key is not a secp256k1 point");
      }
    }

    /** For the EIP-8 vectors: the recipient's ephemeral key and nonce in an ack. */
    static AckMessage readAck(NodeKey self, byte[] ackPacket) throws HandshakeException, DecodeException {
      return AckMessage.decode(open(self, ackPacket, "ack"));
    }
  }

  /** Accepts: reads auth, answers ack. */
  public static final class Recipient {
    private final NodeKey self;
    private final byte[] ephemeralKey;
    private final byte[] nonce;
    private final Random random;
    private NodeId remoteId;
    private byte[] remoteEphemeralKey;
    private Secrets secrets;

    public Recipient(NodeKey self, Random random) {
      this(self, randomKey(random), randomBytes(random, 32), random);
    }

    Recipient(NodeKey self, byte[] ephemeralKey, byte[] nonce, Random random) {
      this.self = self;
      this.ephemeralKey = ephemeralKey.clone();
      this.nonce = nonce.clone();
      this.random = random;
    }

    /**
     * @param authPacket the whole packet, size prefix included
     * @return the ack packet to send
     * @throws HandshakeException when auth is not for our key, malformed, or badly signed
     */
    public byte[] onAuth(byte[] authPacket) throws HandshakeException {
      AuthMessage auth;
      try {
        auth = AuthMessage.decode(open(self, authPacket, "auth"));
      } catch (DecodeException e) {
        throw new HandshakeException("malformed auth: " + e.getMessage());
      }
      try {
        remoteId = NodeId.of(auth.initiatorPublicKey());
      } catch (IllegalArgumentException e) {
        throw new HandshakeException("auth's initiator key is not a secp256k1 point");
      }
      byte[] staticShared = Secp256k1.ecdhX(self.privateKey(), remoteId.unsafeBytes());
      byte[] sig = auth.signature();
      try {
        remoteEphemeralKey = Secp256k1.recover(new Hash(Secrets.xor(staticShared, auth.nonce())),
            Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64), sig[64]);
      } catch (IllegalArgumentException e) {
        throw new HandshakeException("auth signature does not recover a key: " + e.getMessage());
      }
      byte[] body = new AckMessage(Secp256k1.publicKey(ephemeralKey), nonce, VERSION).encode();
      byte[] ackPacket = seal(remoteId.unsafeBytes(), body, random);
      secrets = Secrets.derive(false, remoteId, ephemeralKey, remoteEphemeralKey, auth.nonce(), nonce, authPacket, ackPacket);
      return ackPacket;
    }

    /** After {@link #onAuth}: the id the initiator claims (proven once its first frame's MAC checks). */
    public NodeId remoteId() {
      return remoteId;
    }

    public Secrets secrets() {
      return secrets;
    }

    byte[] remoteEphemeralKey() {
      return remoteEphemeralKey.clone();
    }
  }

  /** size || ECIES(remote, body || 100..299 random bytes, size). */
  private static byte[] seal(byte[] remotePublicKey, byte[] body, Random random) {
    byte[] padded = Arrays.copyOf(body, body.length + 100 + random.nextInt(200));
    byte[] pad = randomBytes(random, padded.length - body.length);
    System.arraycopy(pad, 0, padded, body.length, pad.length);
    int size = padded.length + Ecies.OVERHEAD;
    byte[] prefix = {(byte) (size >>> 8), (byte) size};
    byte[] enc = Ecies.encrypt(remotePublicKey, padded, prefix, randomKey(random), randomBytes(random, 16));
    byte[] packet = new byte[2 + enc.length];
    packet[0] = prefix[0];
    packet[1] = prefix[1];
    System.arraycopy(enc, 0, packet, 2, enc.length);
    return packet;
  }

  private static byte[] open(NodeKey self, byte[] packet, String what) throws HandshakeException {
    if (packet.length < 2 || packet.length > MAX_PACKET_BYTES) {
      throw new HandshakeException(what + " packet of " + packet.length + " bytes (limit " + MAX_PACKET_BYTES + ")");
    }
    if (packetLength(packet[0], packet[1]) != packet.length) {
      throw new HandshakeException(what + " size prefix says " + (packetLength(packet[0], packet[1]) - 2)
          + " bytes, packet has " + (packet.length - 2));
    }
    return Ecies.decrypt(self.privateKey(), Arrays.copyOfRange(packet, 2, packet.length), Arrays.copyOf(packet, 2));
  }

  static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static byte[] randomKey(Random random) {
    while (true) {
      byte[] k = randomBytes(random, 32);
      if (Secp256k1.isValidPrivateKey(k)) {
        return k;
      }
    }
  }
}
