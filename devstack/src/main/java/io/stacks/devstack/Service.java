package io.stacks.devstack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The five services and the configuration each gets from the stand-ins. The same properties are set by
 * environment variables in ECS: only endpoints and credentials differ.
 */
public enum Service {
    USER("user-service", Ports.Name.USER_SERVICE, "users", EnumSet.of(Backends.Kind.MYSQL, Backends.Kind.DYNAMODB)),
    BOOK("book-service", Ports.Name.BOOK_SERVICE, "catalog", EnumSet.of(Backends.Kind.MYSQL)),
    IMAGE("image-service", Ports.Name.IMAGE_SERVICE, "images", EnumSet.of(Backends.Kind.MYSQL, Backends.Kind.S3)),
    NOTIFICATION("notification-service", Ports.Name.NOTIFICATION_SERVICE, null,
            EnumSet.of(Backends.Kind.DYNAMODB, Backends.Kind.SMTP)),
    GATEWAY("gateway", Ports.Name.GATEWAY, null, EnumSet.noneOf(Backends.Kind.class));

    public static final String PRIVATE_KEY_PROPERTY = "stacks.jwt.private-key";
    public static final String CLIENT_SECRET_PROPERTY = "stacks.auth.client-secret";
    /** user-service: every calling service with the SHA-256 of its client secret. */
    public static final String CLIENTS_PROPERTY = "stacks.auth.clients";
    /** Properties that are secrets: the launcher passes them as environment variables, out of the process list. */
    public static final Set<String> SECRET_PROPERTIES = Set.of(PRIVATE_KEY_PROPERTY, CLIENT_SECRET_PROPERTY);

    private final String module;
    private final Ports.Name port;
    private final String schema;
    private final Set<Backends.Kind> backends;

    Service(String module, Ports.Name port, String schema, Set<Backends.Kind> backends) {
        this.module = module;
        this.port = port;
        this.schema = schema;
        this.backends = backends;
    }

    public String module() {
        return module;
    }

    public Ports.Name port() {
        return port;
    }

    public Set<Backends.Kind> backends() {
        return backends;
    }

    public static Service ofModule(String module) {
        for (Service service : values()) {
            if (service.module.equals(module)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service " + module);
    }

    /**
     * What this service needs to run against the stand-ins and its peers.
     *
     * @param jwksLocation where services fetch the token-verification keys (user-service's JWKS, or a PEM file)
     */
    public Map<String, String> config(Backends backends, Ports ports, JwtKeys keys, ServiceSecrets secrets,
            String jwksLocation) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.http.port", Integer.toString(ports.get(port)));
        config.put("mp.jwt.verify.publickey.location", jwksLocation);
        config.put("stacks.public-url", url(ports, Ports.Name.GATEWAY));
        for (Service peer : values()) {
            config.put("quarkus.rest-client." + peer.module + ".url", url(ports, peer.port));
        }
        if (this.backends.contains(Backends.Kind.MYSQL)) {
            config.put("quarkus.datasource.jdbc.url", backends.jdbcUrl(schema));
            config.put("quarkus.datasource.username", backends.mysqlUser());
            config.put("quarkus.datasource.password", backends.mysqlPassword());
        }
        if (this.backends.contains(Backends.Kind.DYNAMODB)) {
            aws(config, "dynamodb", backends.dynamoDbUrl());
        }
        if (this.backends.contains(Backends.Kind.S3)) {
            aws(config, "s3", backends.s3Url());
            config.put("quarkus.s3.path-style-access", "true");
            config.put("stacks.images.bucket", Backends.BUCKET);
        }
        if (this.backends.contains(Backends.Kind.SMTP)) {
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", Integer.toString(backends.smtpPort()));
        }
        config.put(CLIENT_SECRET_PROPERTY, secrets.secretOf(this));
        if (this == USER) {
            config.put(PRIVATE_KEY_PROPERTY, keys.privateKeyPem());
            config.put(CLIENTS_PROPERTY, secrets.clientList());
        }
        return config;
    }

    private static void aws(Map<String, String> config, String client, String endpoint) {
        config.put("quarkus." + client + ".endpoint-override", endpoint);
        config.put("quarkus." + client + ".aws.region", Backends.REGION);
        config.put("quarkus." + client + ".aws.credentials.type", "static");
        config.put("quarkus." + client + ".aws.credentials.static-provider.access-key-id", Backends.ACCESS_KEY);
        config.put("quarkus." + client + ".aws.credentials.static-provider.secret-access-key", Backends.SECRET_KEY);
    }

    static String url(Ports ports, Ports.Name name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    /** The packaged service, as `./mvnw package` leaves it. */
    Path runJar(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
