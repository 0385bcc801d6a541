package dev.raftseq.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ValueSyntaxTest {
  @Test
  void durationsNeedAUnit() {
    assertThat(ValueSyntax.parseDuration("250ms")).hasValue(Duration.ofMillis(250));
    assertThat(ValueSyntax.parseDuration("1s")).hasValue(Duration.ofSeconds(1));
    assertThat(ValueSyntax.parseDuration("2m")).hasValue(Duration.ofMinutes(2));
    assertThat(ValueSyntax.parseDuration("3h")).hasValue(Duration.ofHours(3));
    assertThat(ValueSyntax.parseDuration(" 5 seconds ")).hasValue(Duration.ofSeconds(5));
    assertThat(ValueSyntax.parseDuration("10MS")).hasValue(Duration.ofMillis(10));
    assertThat(ValueSyntax.parseDuration("0ms")).hasValue(Duration.ZERO);
    assertThat(ValueSyntax.parseDuration("250")).isEmpty();
    assertThat(ValueSyntax.parseDuration("fast")).isEmpty();
    assertThat(ValueSyntax.parseDuration("1.5s")).isEmpty();
    assertThat(ValueSyntax.parseDuration("-1s")).isEmpty();
    assertThat(ValueSyntax.parseDuration("1d")).isEmpty();
    assertThat(ValueSyntax.parseDuration("1s 500ms")).isEmpty();
    assertThat(ValueSyntax.parseDuration("")).isEmpty();
    assertThat(ValueSyntax.parseDuration("9999999999999ms")).isEmpty();
  }

  @Property(tries = 200)
  void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = 100_000_000_000L) long ms) {
    Duration d = Duration.ofMillis(ms);
    assertThat(ValueSyntax.parseDuration(ValueSyntax.format(d))).hasValue(d);
  }

  @Test
  void sizesAreBinaryAndABareNumberIsMegabytes() {
    assertThat(ValueSyntax.parseByteSize("15MB")).hasValue(15L << 20);
    assertThat(ValueSyntax.parseByteSize("15")).hasValue(15L << 20);
    assertThat(ValueSyntax.parseByteSize("24 MiB")).hasValue(24L << 20);
    assertThat(ValueSyntax.parseByteSize("512kb")).hasValue(512L << 10);
    assertThat(ValueSyntax.parseByteSize("1G")).hasValue(1L << 30);
    assertThat(ValueSyntax.parseByteSize("1048576B")).hasValue(1L << 20);
    assertThat(ValueSyntax.parseByteSize("big")).isEmpty();
    assertThat(ValueSyntax.parseByteSize("1.5MB")).isEmpty();
    assertThat(ValueSyntax.parseByteSize("-1MB")).isEmpty();
    assertThat(ValueSyntax.parseByteSize("1TB")).isEmpty();
    assertThat(ValueSyntax.parseByteSize("999999999999999GB")).isEmpty(); // overflows a long
  }

  @Test
  void booleansAreOnlyTrueAndFalse() {
    assertThat(ValueSyntax.parseBoolean("true")).hasValue(true);
    assertThat(ValueSyntax.parseBoolean("FALSE")).hasValue(false);
    assertThat(ValueSyntax.parseBoolean(" True ")).hasValue(true);
    assertThat(ValueSyntax.parseBoolean("yes")).isEmpty();
    assertThat(ValueSyntax.parseBoolean("1")).isEmpty();
    assertThat(ValueSyntax.parseBoolean("")).isEmpty();
  }

  @Test
  void integersAreDecimalAndFitALong() {
    assertThat(ValueSyntax.parseLong("3060")).hasValue(3060L);
    assertThat(ValueSyntax.parseLong("-5")).hasValue(-5L);
    assertThat(ValueSyntax.parseLong("9223372036854775807")).hasValue(Long.MAX_VALUE);
    assertThat(ValueSyntax.parseLong("9223372036854775808")).isEmpty();
    assertThat(ValueSyntax.parseLong("0x10")).isEmpty();
    assertThat(ValueSyntax.parseLong("1e3")).isEmpty();
    assertThat(ValueSyntax.parseLong("1.0")).isEmpty();
    assertThat(ValueSyntax.parseLong("")).isEmpty();
  }
}
