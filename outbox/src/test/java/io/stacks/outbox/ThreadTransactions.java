package io.stacks.outbox;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that stands in for the JTA datasource the services give {@link OutboxStore}: inside
 * {@link #begin()} ... {@link #commit()} every {@link #getConnection()} on this thread is the same connection with
 * autocommit off (its {@code close()} does nothing until the transaction ends), so locks taken by one statement are
 * held by the next. Outside a transaction every call gets a fresh autocommit connection.
 */
final class ThreadTransactions implements DataSource {

    /** Work in a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    private final DataSource target;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    ThreadTransactions(DataSource target) {
        this.target = target;
    }

    void begin() throws SQLException {
        if (current.get() != null) {
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        Connection connection = target.getConnection();
        connection.setAutoCommit(false);
        current.set(connection);
    }

    void commit() throws SQLException {
        end(true);
    }

    void rollback() throws SQLException {
        end(false);
    }

    /** Runs the work in a transaction of its own: committed if it returns, rolled back if it throws. */
    <T> T inTransaction(Work<T> work) throws Exception {
        begin();
        T result;
        try {
            result = work.run();
        } catch (Exception | Error e) {
            rollback();
            throw e;
        }
        commit();
        return result;
    }

    private void end(boolean commit) throws SQLException {
        Connection connection = current.get();
        if (connection == null) {
            throw new IllegalStateException("no transaction is open on this thread");
        }
        current.remove();
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = current.get();
        return connection == null ? target.getConnection() : unclosable(connection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the test datasource has one user");
    }

    /** The transaction's connection, as the store sees it: closing it is left to commit or rollback. */
    private static Connection unclosable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(ThreadTransactions.class.getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
                    switch (method.getName()) {
                        case "close":
                            return null;
                        case "isClosed":
                            return connection.isClosed();
                        default:
                            try {
                                return method.invoke(connection, arguments);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
