package io.stacks.devstack;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:stacksfake:} URLs standing in for an external MySQL server: it records who
 * connected and what they executed, so Backends' external-MySQL path is tested without a database. A URL
 * whose host is {@code down} refuses the connection.
 */
final class FakeJdbcDriver implements Driver {

    static final String PREFIX = "jdbc:stacksfake:";

    /** One connection as the driver saw it. */
    record Connected(String url, String user, String password, List<String> executed) {
    }

    static final List<Connected> CONNECTIONS = new CopyOnWriteArrayList<>();

    private static final FakeJdbcDriver INSTANCE = new FakeJdbcDriver();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Registers the driver (once) and forgets earlier connections. */
    static void reset() {
        CONNECTIONS.clear();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        if (url.startsWith(PREFIX + "//down")) {
            throw new SQLException("Connection refused");
        }
        Connected connected = new Connected(url, info.getProperty("user"), info.getProperty("password"),
                new CopyOnWriteArrayList<>());
        CONNECTIONS.add(connected);
        Statement statement = (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(),
                new Class<?>[] { Statement.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "execute" -> {
                        connected.executed().add((String) args[0]);
                        yield false;
                    }
                    case "close" -> null;
                    case "isClosed" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "createStatement" -> statement;
                    case "close" -> null;
                    case "isClosed" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
