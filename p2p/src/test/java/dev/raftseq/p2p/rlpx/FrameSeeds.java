package dev.raftseq.p2p.rlpx;

import dev.raftseq.p2p.FuzzSeeds;
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
    Path session = dir.resolve("session");
    Files.createDirectories(session);
    Files.write(session.resolve("ingressBytes_hello_then_ping"), FuzzSeeds.selected(FrameCodecFuzzTest.INGRESS_BYTES, both));
    Files.write(session.resolve("roundTrip_hello_frame_data"),
        FuzzSeeds.selected(FrameCodecFuzzTest.ROUND_TRIP, MessageFrames.encode(MessageFrames.HELLO, hello, false)));
    Files.write(session.resolve("roundTrip_sixteen_bytes"), FuzzSeeds.selected(FrameCodecFuzzTest.ROUND_TRIP, new byte[16]));
  }
}
