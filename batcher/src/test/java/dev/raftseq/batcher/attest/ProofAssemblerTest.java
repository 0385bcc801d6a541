package dev.raftseq.batcher.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProofAssemblerTest {
  static final List<NodeKey> KEYS = List.of(
      NodeKey.fromHex("0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308"),
      NodeKey.fromHex("c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7"),
      NodeKey.fromHex("8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d"));
  static final NodeKey OUTSIDER = NodeKey.fromHex("4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");
  static final Committee COMMITTEE = new Committee(KEYS.stream().map(NodeKey::address).toList());

  static Hash h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  static Batch batch(long n, String salt) {
    return Batch.of(270, n, n, h("p"), h("n" + salt), h("c"), List.of(h("b" + n + salt)), 0, 0, 0, 0);
  }

  static Attestation sign(NodeKey k, Batch b) {
    return new Attester(k, n -> Optional.of(b)).sign(b);
  }

  @Test
  void quorumIsMoreThanHalf() {
    assertThat(COMMITTEE.quorum()).isEqualTo(2);
    assertThat(new Committee(List.of(KEYS.get(0).address())).quorum()).isEqualTo(1);
    assertThat(new Committee(List.of(KEYS.get(0).address(), KEYS.get(1).address())).quorum()).isEqualTo(2);
    assertThatThrownBy(() -> new Committee(List.of(KEYS.get(0).address(), KEYS.get(0).address())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signaturesRecoverToTheSignerWithV27Or28AndLowS() {
    Batch b = batch(1, "");
    for (NodeKey k : KEYS) {
      Attestation a = sign(k, b);
      assertThat(a.isValid()).isTrue();
      assertThat(Attestation.recoverSigner(b.commitment(), a.signature())).contains(k.address());
      assertThat(a.signature()[64]).isIn((byte) 27, (byte) 28);
      // deterministic: the same batch gives the same signature after a restart
      assertThat(sign(k, b)).isEqualTo(a);
    }
  }

  @Test
  void assemblesExactlyAQuorumInCommitteeOrderFromValidDistinctMembers() {
    Batch b = batch(1, "");
    Attestation a0 = sign(KEYS.get(0), b);
    Attestation a1 = sign(KEYS.get(1), b);
    Attestation a2 = sign(KEYS.get(2), b);
    ProofAssembler p = new ProofAssembler(COMMITTEE);
    assertThat(p.assemble(b, List.of(a2, a0, a1)).orElseThrow().attestations()).containsExactly(a0, a1);
    assertThat(p.assemble(b, List.of(a2, a2, a1)).orElseThrow().attestations()).containsExactly(a1, a2);
    assertThat(p.assemble(b, List.of(a2, a2))).isEmpty();
  }

  @Test
  void ignoresOutsidersOtherCommitmentsAndForgeries() {
    Batch b = batch(1, "");
    Batch other = batch(1, "other");
    Attestation a0 = sign(KEYS.get(0), b);
    Attestation outsider = sign(OUTSIDER, b);
    Attestation wrongCommitment = sign(KEYS.get(1), other);
    // a signature claimed for member 2 but made by member 1
    Attestation forged = new Attestation(1, b.commitment(), KEYS.get(2).address(), sign(KEYS.get(1), b).signature());
    byte[] mangled = sign(KEYS.get(1), b).signature();
    mangled[64] = 5;
    Attestation badV = new Attestation(1, b.commitment(), KEYS.get(1).address(), mangled);
    Attestation wrongNumber = new Attestation(2, b.commitment(), KEYS.get(1).address(), sign(KEYS.get(1), b).signature());
    ProofAssembler p = new ProofAssembler(COMMITTEE);
    List<Attestation> junk = List.of(a0, outsider, wrongCommitment, forged, badV, wrongNumber);
    assertThat(p.valid(b, junk)).containsExactly(a0);
    assertThat(p.assemble(b, junk)).isEmpty();
  }
}
