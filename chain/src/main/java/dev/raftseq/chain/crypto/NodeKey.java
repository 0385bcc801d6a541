package dev.raftseq.chain.crypto;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hex;
import java.util.Arrays;

/**
 * A node's secp256k1 key (NETWORK_SECRET_KEY). The node id is the 64-byte uncompressed public key
 * without the 0x04 prefix, exactly as in enode URLs; the address signs blocks.
 */
public record NodeKey(byte[] privateKey, byte[] publicKey, Address address) {
  public NodeKey {
    privateKey = privateKey.clone();
    publicKey = publicKey.clone();
  }

  public static NodeKey fromPrivateKey(byte[] privateKey) {
    byte[] pub = Secp256k1.publicKey(privateKey);
    return new NodeKey(privateKey, pub, Secp256k1.addressOf(pub));
  }

  public static NodeKey fromHex(String hex) {
    return fromPrivateKey(Hex.decode(hex));
  }

  @Override
  public byte[] privateKey() {
    return privateKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** "0x" + 128 hex characters. */
  public String nodeIdHex() {
    return Hex.encode(publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeKey k && Arrays.equals(publicKey, k.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "NodeKey(" + nodeIdHex() + ")";
  }
}
