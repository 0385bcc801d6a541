package dev.raftseq.p2p.rlpx;

import dev.raftseq.p2p.wire.MessageFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Frame seeds from the fuzz targets' fixed session (see {@code FuzzSeeds}). */
public final class FrameSeeds {
  private FrameSeeds() {}

  public static void write(Path dir, byte[] hello) throws IOException {
    Secrets[] s = FuzzKeys.session();
    FrameCodec initiator = new FrameCodec(s[0], 1 << 16);
    byte[] helloFrame = initiator.encode(MessageFrames.encode(MessageFrames.HELLO, hello, false));
    byte[] pingFrame = initiator.encode(MessageFrames.encode(MessageFrames.PING, MessageFrames.EMPTY_LIST, true));
    byte[] both = new byte[helloFrame.length + pingFrame.length];
    System.arraycopy(helloFrame, 0, both, 0, helloFrame.length);
    System.arraycopy(pingFrame, 0, both, helloFrame.length, pingFrame.length);
    Files.createDirectories(dir.resolve("ingressBytes"));
    Files.write(dir.resolve("ingressBytes").resolve("hello_then_ping"), both);
    Files.createDirectories(dir.resolve("roundTrip"));
    Files.write(dir.resolve("roundTrip").resolve("hello_frame_data"), MessageFrames.encode(MessageFrames.HELLO, hello, false));
    Files.write(dir.resolve("roundTrip").resolve("sixteen_bytes"), new byte[16]);
  }
}
