package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ApplyReplyTest {

  @Property(tries = 100)
  void roundTrips(@ForAll ApplyReply.Outcome outcome, @ForAll String reason) {
    ApplyReply r = new ApplyReply(outcome, reason);
    ApplyReply back = ApplyReply.decode(r.encode());
    assertThat(back.outcome()).isEqualTo(outcome);
    // unpaired surrogates cannot survive UTF-8; everything else must
    if (reason.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)) {
      assertThat(back.reason()).isEqualTo(reason);
    }
  }

  @Test
  void rejectsUnknownOrEmptyReplies() {
    assertThatThrownBy(() -> ApplyReply.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApplyReply.decode(new byte[] {99})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mapsEveryBlockResult() {
    assertThat(ApplyReply.of(BlockApplyResult.applied()).outcome()).isEqualTo(ApplyReply.Outcome.BLOCK_APPLIED);
    assertThat(ApplyReply.of(BlockApplyResult.stale("s"))).isEqualTo(new ApplyReply(ApplyReply.Outcome.BLOCK_REJECTED_STALE, "s"));
    assertThat(ApplyReply.of(BlockApplyResult.invalid("i"))).isEqualTo(new ApplyReply(ApplyReply.Outcome.BLOCK_INVALID, "i"));
  }
}
