package dev.huddle.store.sqlite;

/**
 * Keeps sqlite-jdbc's logging (java.util.logging, when no SLF4J is present) off stdout and stderr:
 * stdout carries command output and hook answers. Named as the logging configuration class, it
 * replaces reading {@code $JAVA_HOME/conf/logging.properties}, whose root console handler would
 * print the driver's INFO lines, and which costs start-up time to read and parse.
 */
public final class QuietLogging {

    static final String CONFIG_CLASS = "java.util.logging.config.class";

    /** Called by LogManager when it configures itself: installs no handler at all. */
    public QuietLogging() {
        // Deliberately empty: no handlers, so nothing is printed anywhere.
    }

    /** Selects this class as the logging configuration, unless the user chose one. */
    static void install() {
        if (System.getProperty(CONFIG_CLASS) == null && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty(CONFIG_CLASS, QuietLogging.class.getName());
        }
    }
}
