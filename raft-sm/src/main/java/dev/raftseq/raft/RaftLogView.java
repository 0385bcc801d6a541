package dev.raftseq.raft;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.raftlog.segmented.LogSegment;
import org.apache.ratis.server.raftlog.segmented.LogSegmentPath;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;

/**
 * What a node's Raft log holds on disk, read before Ratis opens it: the last index, and the term of
 * one entry. The state machine checks the chain database against it at start, when nothing can
 * append yet; once the server runs, a leader could extend the log past a database that was never
 * part of it.
 *
 * @param lastIndex the last entry in the segments, or {@link RaftLog#INVALID_LOG_INDEX} for none
 * @param termAtProbe the term of the probed entry, empty if the segments do not hold it
 */
record RaftLogView(long lastIndex, OptionalLong termAtProbe) {
  private static final Pattern CLOSED = Pattern.compile("log_(\\d+)-(\\d+)");

  /** Reads the segments of {@code storage}, looking for the entry at {@code probeIndex}. */
  static RaftLogView read(RaftStorage storage, SizeInBytes maxEntrySize, long probeIndex) throws IOException {
    List<LogSegmentPath> segments = LogSegmentPath.getLogSegmentPaths(storage);
    long[] last = {RaftLog.INVALID_LOG_INDEX};
    long[] probed = {-1};
    for (LogSegmentPath segment : segments) {
      Matcher closed = CLOSED.matcher(segment.getPath().getFileName().toString());
      if (closed.matches()) {
        long start = Long.parseLong(closed.group(1));
        long end = Long.parseLong(closed.group(2));
        last[0] = Math.max(last[0], end);
        if (probeIndex < start || probeIndex > end) {
          continue; // a closed segment's name gives its range; read only the one holding the probe
        }
      }
      // Same reading as Ratis's own open: a torn tail (crash mid-write) ends the segment rather than failing it.
      LogSegment.readSegmentFile(segment.getPath().toFile(), segment.getStartEnd(), maxEntrySize,
          RaftServerConfigKeys.Log.CorruptionPolicy.WARN_AND_RETURN, null, (LogEntryProto e) -> {
            last[0] = Math.max(last[0], e.getIndex());
            if (e.getIndex() == probeIndex) {
              probed[0] = e.getTerm();
            }
          });
    }
    return new RaftLogView(last[0], probed[0] < 0 ? OptionalLong.empty() : OptionalLong.of(probed[0]));
  }
}
