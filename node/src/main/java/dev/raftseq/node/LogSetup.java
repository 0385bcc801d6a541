package dev.raftseq.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.raftseq.node.config.LogFormat;
import dev.raftseq.node.config.ObservabilityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code observability.*} to logback: the format (logback.xml's terminal pattern, or one JSON
 * object per line) and the levels per logger; returns the fields every line carries (the node's short
 * id and role, as logback context properties, so threads Ratis, gRPC and Vert.x own carry them too).
 */
final class LogSetup {
  private LogSetup() {}

  static NodeLogFields apply(ObservabilityConfig cfg) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return NodeLogFields.NONE;
    }
    for (ObservabilityConfig.LogLevel l : cfg.logLevels()) {
      ctx.getLogger(l.logger() == null ? Logger.ROOT_LOGGER_NAME : l.logger()).setLevel(Level.toLevel(l.level()));
    }
    if (cfg.logFormat() == LogFormat.JSON
        && ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT") instanceof ConsoleAppender<ILoggingEvent> console) {
      JsonEncoder encoder = new JsonEncoder();
      encoder.setContext(ctx);
      encoder.setWithFormattedMessage(true); // the readable line next to the template and its arguments
      encoder.start();
      console.stop();
      console.setEncoder(encoder);
      console.start();
    }
    return new NodeLogFields() {
      @Override
      public void node(String shortId) {
        ctx.putProperty(NODE, shortId);
      }

      @Override
      public void role(String role) {
        ctx.putProperty(ROLE, role);
      }
    };
  }
}
