package dev.raftseq.rpc.json;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Address;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The address a creation transaction deploys to: keccak256(rlp([sender, nonce]))[12..]. The RLP
 * of this two-item list is written by hand (20-byte string, minimal integer, short list) so the
 * rpc module needs no RLP library.
 */
public final class ContractAddress {
  private ContractAddress() {}

  public static Address of(Address sender, long nonce) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream(30);
    payload.write(0x80 + 20);
    payload.writeBytes(sender.unsafeBytes());
    if (nonce == 0) {
      payload.write(0x80);
    } else if (nonce > 0 && nonce < 0x80) {
      payload.write((int) nonce);
    } else {
      byte[] raw = BigInteger.valueOf(nonce).toByteArray();
      int skip = raw[0] == 0 ? 1 : 0;
      payload.write(0x80 + raw.length - skip);
      payload.write(raw, skip, raw.length - skip);
    }
    byte[] body = payload.toByteArray();
    byte[] list = new byte[body.length + 1];
    list[0] = (byte) (0xc0 + body.length);
    System.arraycopy(body, 0, list, 1, body.length);
    byte[] hash = Keccak.digest(list);
    byte[] address = new byte[20];
    System.arraycopy(hash, 12, address, 0, 20);
    return new Address(address);
  }
}
