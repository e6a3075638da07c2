package dev.ordo.contracts.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the shim's logging out of the host's way. {@code java.util.logging} is JVM-wide: the
 * shim's start-up rewrites the root handlers' formatter and level, and the router logs three
 * INFO lines per call and a SEVERE stack trace per contract error, which costs most of the
 * throughput. This class restores the root handlers after start-up and turns the shim's own
 * loggers off. Router start-ups must not overlap (the host serialises them), or one would
 * capture the set-up another has just rewritten.
 */
final class ShimLogging {

  /** Strong references: the log manager holds loggers weakly, and would forget the levels. */
  private static final List<Logger> QUIETED = new ArrayList<>();

  /** The parent of every logger of the shim. */
  private static final String SHIM_LOGGER = "org.hyperledger.fabric";

  /** The shim sets this JVM-wide property, which every later SimpleFormatter reads. */
  private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

  private final String format;
  private final Level rootLevel;
  private final List<Handler> handlers = new ArrayList<>();
  private final List<Formatter> formatters = new ArrayList<>();
  private final List<Level> levels = new ArrayList<>();

  private ShimLogging() {
    // The shim's loggers all descend from this one; cut it off from the root handlers so that
    // the shim's start-up chatter (environment dump, metadata) never reaches the host's log.
    Logger shim = Logger.getLogger(SHIM_LOGGER);
    shim.setUseParentHandlers(false);
    synchronized (QUIETED) {
      QUIETED.add(shim);
    }
    format = System.getProperty(FORMAT_PROPERTY);
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    for (Handler handler : root.getHandlers()) {
      handlers.add(handler);
      formatters.add(handler.getFormatter());
      levels.add(handler.getLevel());
    }
  }

  /** Remembers the root logger's set-up so that {@link #restore()} can put it back. */
  static ShimLogging capture() {
    return new ShimLogging();
  }

  /** Puts back the root set-up and silences the shim's per-call logging. */
  void restore() {
    if (format == null) {
      System.clearProperty(FORMAT_PROPERTY);
    } else {
      System.setProperty(FORMAT_PROPERTY, format);
    }
    Logger root = Logger.getLogger("");
    root.setLevel(rootLevel);
    for (int i = 0; i < handlers.size(); i++) {
      handlers.get(i).setFormatter(formatters.get(i));
      handlers.get(i).setLevel(levels.get(i));
    }
    synchronized (QUIETED) {
      for (String name : List.of(SHIM_LOGGER, SHIM_LOGGER + ".contract", SHIM_LOGGER + ".shim")) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        QUIETED.add(logger);
      }
    }
  }
}
