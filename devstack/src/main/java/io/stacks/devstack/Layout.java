package io.stacks.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** Where the build put the stand-in jars and the launcher's classpath (filled in by Maven resource filtering). */
final class Layout {

    private static final Properties BUILT = load();

    private Layout() {
    }

    static Path lib() {
        return Path.of(BUILT.getProperty("devstack.lib"));
    }

    static Path standins() {
        return Path.of(BUILT.getProperty("devstack.standins"));
    }

    private static Properties load() {
        try (InputStream in = Layout.class.getResourceAsStream("/devstack.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
