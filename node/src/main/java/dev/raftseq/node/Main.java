package dev.raftseq.node;

import dev.raftseq.node.config.ConfigLoader;
import dev.raftseq.node.config.InvalidConfigException;
import dev.raftseq.node.config.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar node/target/node.jar [--config FILE]... | --help} */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  /** Exit codes: 2 configuration, 1 start-up failure, 70 halted to avoid a fork. */
  static final int EXIT_CONFIG = 2;
  static final int EXIT_STARTUP = 1;
  static final int EXIT_HALTED = 70;

  private Main() {}

  public static void main(String[] args) {
    if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
      System.out.print(dev.raftseq.node.config.SettingsHelp.render());
      return;
    }
    NodeConfig cfg;
    try {
      cfg = ConfigLoader.load(args, System.getenv());
    } catch (InvalidConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }
    NodeLogFields logFields = LogSetup.apply(cfg.observability());
    NodeApp app;
    try {
      app = NodeApp.start(cfg, fatal -> Runtime.getRuntime().halt(EXIT_HALTED), logFields);
    } catch (StartupException e) {
      LOG.error("cannot start: {}", e.getMessage(), e.getCause());
      System.err.println("cannot start: " + e.getMessage());
      System.exit(EXIT_STARTUP);
      return;
    } catch (Error e) {
      LOG.error("cannot start", e);
      System.err.println("cannot start: " + e);
      System.exit(EXIT_STARTUP);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping (signal)");
      app.close();
      logFields.role("stopped");
      LOG.info("stopped");
    }, "shutdown"));
  }
}
