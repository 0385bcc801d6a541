package dev.raftseq.systest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.systest.cluster.ClockControl;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock fault's environment (libfaketime preloaded, {@link ClockControl#environment}) moves a
 * JVM's wall clock and nothing else: its monotonic clock and timed waits stay true, so its waiting
 * threads cost no CPU. Runs a child JVM with 50 threads in timed parks; needs libfaketime, which
 * {@code scripts/install-fault-tools.sh} installs (as {@code ./test.sh} does). Without it this
 * fails, saying so.
 */
class ClockControlIT {
  private static final long OFFSET_SECONDS = -3600;
  private static final Duration IDLE = Duration.ofSeconds(2);

  @Test
  void aNodesWallClockMovesWhileItsTimedWaitsStayIdle(@TempDir Path dir) throws Exception {
    assertThat(ClockControl.library()).as("libfaketime at " + ClockControl.LIBRARY
        + " (scripts/install-fault-tools.sh installs it)").isPresent();
    ClockControl clock = new ClockControl(dir.resolve("faketime.rc"));
    clock.set(OFFSET_SECONDS);

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), ParkedThreads.class.getName(),
        Long.toString(IDLE.toMillis())));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(clock.environment(ClockControl.library().orElseThrow()));
    long realBefore = System.currentTimeMillis();
    Process child = pb.start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
    String out = new String(child.getInputStream().readAllBytes()).strip();
    long realAfter = System.currentTimeMillis();
    assertThat(child.exitValue()).as(out).isZero();

    String[] f = out.lines().reduce((a, b) -> b).orElse("").split(" ");
    assertThat(f).as(out).hasSize(3);
    long childWall = Long.parseLong(f[0]);
    long sleptNanos = Long.parseLong(f[1]);
    long idleCpuNanos = Long.parseLong(f[2]);
    long offsetMillis = OFFSET_SECONDS * 1000;
    assertThat(childWall).as("the child's wall clock, an hour behind")
        .isBetween(realBefore + offsetMillis - 5_000, realAfter + offsetMillis + 5_000);
    assertThat(sleptNanos).as("its monotonic clock measured the idle time truly")
        .isBetween(IDLE.toNanos(), IDLE.toNanos() + Duration.ofSeconds(20).toNanos());
    // 50 threads spinning in their parks (the library's pthread_cond_timedwait rewrite) take every
    // core for the whole idle time; parked for real they take next to nothing
    assertThat(idleCpuNanos).as("CPU the child spent while its threads waited").isLessThan(Duration.ofMillis(500).toNanos());
  }

  /** The child: parks 50 threads in timed waits, idles, then prints wall ms, idle ns and CPU ns of the idle time. */
  public static final class ParkedThreads {
    public static void main(String[] args) throws Exception {
      for (int i = 0; i < 50; i++) {
        Thread t = new Thread(() -> {
          while (true) {
            LockSupport.parkNanos(200_000_000L);
          }
        });
        t.setDaemon(true);
        t.start();
      }
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Thread.sleep(Long.parseLong(args[0]));
      long slept = System.nanoTime() - t0;
      long cpu = os.getProcessCpuTime() - cpu0;
      System.out.println(System.currentTimeMillis() + " " + slept + " " + cpu);
    }
  }
}
