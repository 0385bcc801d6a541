package dev.raftseq.node;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.raftseq.node.config.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies observability.log_format: the terminal pattern of logback.xml, or one JSON object per line. */
final class LogFormatSetup {
  private LogFormatSetup() {}

  static void apply(LogFormat format) {
    if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!(root.getAppender("STDOUT") instanceof ConsoleAppender<ILoggingEvent> console)) {
      return;
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(ctx);
    encoder.start();
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }
}
