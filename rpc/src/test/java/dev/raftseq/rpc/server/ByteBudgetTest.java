package dev.raftseq.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteBudgetTest {
  private final List<String> granted = new ArrayList<>();
  private final List<ByteBudget.Lease> leases = new ArrayList<>();

  private ByteBudget.Waiter ask(ByteBudget b, String who, long bytes) {
    return b.acquire(bytes, lease -> {
      granted.add(who);
      leases.add(lease);
    });
  }

  @Test
  void grantsAtOnceWhileThereIsRoomThenInArrivalOrderWithoutOvertaking() {
    ByteBudget b = new ByteBudget(100);
    ask(b, "a", 60);
    ask(b, "b", 50); // does not fit
    ask(b, "c", 10); // would fit, but b came first
    assertThat(granted).containsExactly("a");
    assertThat(b.waiting()).isEqualTo(2);

    leases.get(0).release();

    assertThat(granted).containsExactly("a", "b", "c");
    assertThat(b.available()).isEqualTo(40);
  }

  @Test
  void aCancelledWaiterLetsTheNextOneIn() {
    ByteBudget b = new ByteBudget(100);
    ask(b, "a", 90);
    ByteBudget.Waiter big = ask(b, "b", 100);
    ask(b, "c", 10);

    assertThat(big.cancel()).isTrue();

    assertThat(granted).containsExactly("a", "c");
    assertThat(b.waiting()).isZero();
    assertThat(big.cancel()).isFalse();
  }

  @Test
  void releasingTwiceGivesTheBytesBackOnce() {
    ByteBudget b = new ByteBudget(100);
    ask(b, "a", 30);
    leases.get(0).release();
    leases.get(0).release();
    assertThat(b.available()).isEqualTo(100);
  }

  @Test
  void aGrantedWaiterCannotBeCancelled() {
    ByteBudget b = new ByteBudget(100);
    assertThat(ask(b, "a", 30).cancel()).isFalse();
    assertThat(b.available()).isEqualTo(70);
  }

  @Test
  void moreThanTheWholeBudgetIsRefused() {
    assertThatThrownBy(() -> ask(new ByteBudget(100), "a", 101)).isInstanceOf(IllegalArgumentException.class);
  }
}
