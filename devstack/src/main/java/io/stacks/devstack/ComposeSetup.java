package io.stacks.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * The one-shot `setup` step of docker-compose.yml (image stacks/setup): what CloudFormation and Secrets Manager
 * provide in AWS. Makes the JWT signing key and each service's client secret once, keeps them in the secrets volume,
 * and hands each service its own properties file (QUARKUS_CONFIG_LOCATIONS); creates the DynamoDB tables and the S3
 * bucket if missing. Running it again changes nothing that is already there.
 */
public final class ComposeSetup {

    private ComposeSetup() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        run(Path.of(required(env, "STACKS_SECRETS_DIR")), required(env, "STACKS_DYNAMODB_URL"),
                required(env, "STACKS_S3_URL"), required(env, "STACKS_S3_ACCESS_KEY"),
                required(env, "STACKS_S3_SECRET_KEY"));
        System.out.println("setup: secrets, tables and bucket are in place");
    }

    static void run(Path secretsDir, String dynamoDbUrl, String s3Url, String s3AccessKey, String s3SecretKey) {
        writeServiceSecrets(secretsDir);
        DynamoTables.createAll(dynamoDbUrl);
        S3Buckets.create(s3Url, Backends.BUCKET, s3AccessKey, s3SecretKey, Backends.REGION);
    }

    /** One properties file per service with its secrets, the same properties devstack passes as environment. */
    static void writeServiceSecrets(Path dir) {
        Path keysDir = dir.resolve("keys");
        JwtKeys keys = JwtKeys.in(keysDir);
        ServiceSecrets secrets = ServiceSecrets.in(keysDir);
        for (Service service : Service.values()) {
            Properties properties = new Properties();
            properties.setProperty(Service.CLIENT_SECRET_PROPERTY, secrets.secretOf(service));
            if (service == Service.USER) {
                properties.setProperty(Service.PRIVATE_KEY_PROPERTY, keys.privateKeyPem());
                properties.setProperty(Service.CLIENTS_PROPERTY, secrets.clientList());
            }
            write(dir.resolve(service.module() + ".properties"), properties);
        }
    }

    private static void write(Path file, Properties properties) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial); // left by a run that stopped half-way, and read-only
            try (Writer out = Files.newBufferedWriter(partial)) {
                properties.store(out, "made by the compose setup; local only");
            }
            // The services read it under their own user (185); the setup step runs as root.
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("r--r--r--"));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new StackException(name + " is not set");
        }
        return value;
    }
}
