package io.stacks.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The whole platform on this machine: the stand-ins and the five services, each a process of its own. */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Ports ports;
    private final Path root;
    private final Path dataDir;
    private final Path logDir;
    private Backends backends;
    private final Map<Service, ManagedProcess> services = new LinkedHashMap<>();
    private final Map<Service, Map<String, String>> configs = new LinkedHashMap<>();
    private final List<ManagedProcess> extraInstances = new ArrayList<>();

    private LocalStack(Path root, Path dataDir, Ports ports) {
        this.root = root;
        this.dataDir = dataDir;
        this.logDir = dataDir.resolve("logs");
        this.ports = ports;
    }

    /**
     * Starts everything and waits until every service is ready.
     *
     * @param root the repository, where the packaged services are
     * @param dataDir where data, keys and logs are kept
     * @param progress told one line per step
     */
    public static LocalStack start(Path root, Path dataDir, Ports ports, Map<String, String> env,
            Consumer<String> progress) {
        LocalStack stack = new LocalStack(root, dataDir, ports);
        try {
            stack.startAll(env, progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Map<String, String> env, Consumer<String> progress) {
        String externalMysql = env.get("STACKS_MYSQL_URL");
        for (Ports.Name name : Ports.Name.values()) {
            if (!(name == Ports.Name.MYSQL && externalMysql != null)) {
                ports.requireFree(name);
            }
        }
        for (Service service : Service.values()) {
            if (!Files.exists(service.runJar(root))) {
                throw new StackException(service.module() + " is not built: run ./mvnw package -DskipTests");
            }
        }
        JwtKeys keys = JwtKeys.in(dataDir.resolve("keys"));
        ServiceSecrets secrets = ServiceSecrets.in(dataDir.resolve("keys"));
        long started = System.nanoTime();
        progress.accept("starting " + (externalMysql == null ? "MariaDB" : "schemas on " + externalMysql)
                + ", DynamoDB Local, S3Proxy, GreenMail");
        backends = Backends.start(EnumSet.allOf(Backends.Kind.class), ports, dataDir, logDir, externalMysql, env);
        progress.accept("stand-ins ready in " + seconds(started));

        long servicesStarted = System.nanoTime();
        progress.accept("starting " + List.of(Service.values()).stream().map(Service::module)
                .collect(Collectors.joining(", ")));
        String jwks = Service.url(ports, Ports.Name.USER_SERVICE) + "/.well-known/jwks.json";
        for (Service service : Service.values()) {
            configs.put(service, service.config(backends, ports, keys, secrets, jwks));
            services.put(service, launch(service, service.module(), configs.get(service)));
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        services.forEach((service, process) -> ready.add(CompletableFuture.runAsync(() -> {
            process.awaitHttp(Service.url(ports, service.port()) + "/q/health/ready", READY_TIMEOUT);
            progress.accept(service.module() + " ready");
        })));
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        progress.accept("services ready in " + seconds(servicesStarted));
    }

    /** Stops one service, gracefully or (abruptly) as a crash would, for tests of what its peers do meanwhile. */
    public void stop(Service service, boolean abruptly) {
        ManagedProcess process = services.remove(service);
        if (process != null) {
            if (abruptly) {
                process.kill();
            } else {
                process.close();
            }
        }
    }

    /** Starts a stopped service again with the configuration it had, and waits until it is ready. */
    public void restart(Service service) {
        if (!services.containsKey(service)) {
            ManagedProcess process = launch(service, service.module(), configs.get(service));
            services.put(service, process);
            process.awaitHttp(url(service) + "/q/health/ready", READY_TIMEOUT);
        }
    }

    /**
     * Starts a second instance of a service on another port (same databases, same peers), as ECS runs several
     * tasks of one service; it stops with the stack.
     *
     * @return its base URL
     */
    public String startAnotherInstance(Service service, int port) {
        Map<String, String> config = new LinkedHashMap<>(configs.get(service));
        config.put("quarkus.http.port", Integer.toString(port));
        ManagedProcess process = launch(service, service.module() + "-" + port, config);
        synchronized (extraInstances) {
            extraInstances.add(process);
        }
        String url = "http://127.0.0.1:" + port;
        process.awaitHttp(url + "/q/health/ready", READY_TIMEOUT);
        return url;
    }

    private ManagedProcess launch(Service service, String name, Map<String, String> config) {
        List<String> command = new ArrayList<>(ManagedProcess.javaCommand());
        // Platform answers a malformed request target with a problem; Quarkus' own check would answer first, empty.
        command.add("-Dvertx.disableURIValidation=true");
        Map<String, String> environment = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (Service.SECRET_PROPERTIES.contains(key)) {
                // A secret stays out of the process list: STACKS_JWT_PRIVATE_KEY, STACKS_AUTH_CLIENT_SECRET.
                environment.put(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"), value);
            } else {
                command.add("-D" + key + "=" + value);
            }
        });
        command.add("-jar");
        command.add(service.runJar(root).toString());
        try {
            return ManagedProcess.start(name, command, environment, logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(Service service) {
        return Service.url(ports, service.port());
    }

    /** Every endpoint a developer or a test needs, as written to .stack/endpoints.json. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("gateway", url(Service.GATEWAY));
        endpoints.put("mailApi", backends.mailApiUrl());
        endpoints.put("smtp", "smtp://127.0.0.1:" + backends.smtpPort());
        endpoints.put("s3", backends.s3Url());
        endpoints.put("dynamodb", backends.dynamoDbUrl());
        endpoints.put("mysql", backends.mysqlBaseUrl());
        for (Service service : Service.values()) {
            if (service != Service.GATEWAY) {
                endpoints.put(service.module(), url(service));
            }
        }
        return endpoints;
    }

    /** Name, URL, pid and resident memory of every process the stack started. */
    public List<String[]> processTable() {
        List<String[]> rows = new ArrayList<>();
        services.forEach((service, process) -> rows.add(row(service.module(), url(service), process.pid())));
        for (ManagedProcess process : backends.processes()) {
            rows.add(row(process.name(), "", process.pid()));
        }
        backends.mariaDbServer().ifPresent(server -> rows.add(row("mariadb", backends.mysqlBaseUrl(), server.pid())));
        return rows;
    }

    private static String[] row(String name, String url, long pid) {
        return new String[] { name, url, Long.toString(pid), ManagedProcess.residentMemory(pid) };
    }

    public Path logDir() {
        return logDir;
    }

    private static String seconds(long since) {
        return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
    }

    @Override
    public void close() {
        services.values().parallelStream().forEach(ManagedProcess::close);
        services.clear();
        synchronized (extraInstances) {
            extraInstances.parallelStream().forEach(ManagedProcess::close);
            extraInstances.clear();
        }
        if (backends != null) {
            backends.close();
            backends = null;
        }
    }
}
