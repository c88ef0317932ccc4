package io.stacks.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpoints to fuzz, read from each service's OpenAPI document ({@code /q/openapi?format=json}): paths,
 * methods, path and query parameters, request body media type and its fields (type, required, maxLength). An
 * endpoint added to a service is fuzzed without anyone listing it here.
 */
final class FuzzApi {

    static final List<String> SERVICES = List.of("gateway", "user-service", "book-service", "image-service",
            "notification-service");
    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A property of a JSON (or multipart) request body. */
    record Field(String name, String type, boolean required, Integer maxLength, JsonNode example) {
    }

    record Param(String name, String in, String type) {
    }

    /** One method on one path of one service's document. */
    record Operation(String service, String method, String path, List<Param> params, String mediaType,
            List<Field> fields, boolean secured) {

        boolean internal() {
            return path.startsWith("/internal/") || path.equals("/internal");
        }

        boolean hasBody() {
            return mediaType != null;
        }

        boolean json() {
            return mediaType != null && mediaType.contains("json");
        }

        boolean multipart() {
            return mediaType != null && mediaType.startsWith("multipart/");
        }

        boolean form() {
            return "application/x-www-form-urlencoded".equals(mediaType);
        }

        List<Param> pathParams() {
            return params.stream().filter(p -> p.in.equals("path")).toList();
        }

        List<Param> queryParams() {
            return params.stream().filter(p -> p.in.equals("query")).toList();
        }

        boolean paged() {
            return queryParams().stream().anyMatch(p -> p.name.equals("page"));
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + service + ")";
        }
    }

    /** An operation as reached through one target: the gateway, or its own service directly. */
    record Endpoint(FuzzRequest.Target target, Operation operation) {

        @Override
        public String toString() {
            return operation.method + " " + operation.path + " via " + target.name();
        }
    }

    private FuzzApi() {
    }

    /**
     * Every operation of every document, through the gateway (except /internal/**, which it does not route) and
     * directly at the service that declares it; /q/** is never fuzzed.
     */
    static List<Endpoint> endpoints(Map<String, FuzzRequest.Target> targets) {
        List<Endpoint> endpoints = new ArrayList<>();
        FuzzRequest.Target gateway = targets.get("gateway");
        for (String service : SERVICES) {
            FuzzRequest.Target direct = targets.get(service);
            for (Operation operation : operations(service, direct.base())) {
                if (!operation.internal() && direct != gateway) {
                    endpoints.add(new Endpoint(gateway, operation));
                }
                endpoints.add(new Endpoint(direct, operation));
            }
        }
        return endpoints;
    }

    static List<Operation> operations(String service, String baseUrl) {
        JsonNode document = fetch(baseUrl + "/q/openapi?format=json");
        JsonNode schemas = document.path("components").path("schemas");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/q/") || path.getKey().equals("/q")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                addParams(params, path.getValue().path("parameters"));
                addParams(params, operation.path("parameters"));
                String mediaType = null;
                List<Field> fields = List.of();
                JsonNode content = operation.path("requestBody").path("content");
                if (content.isObject() && content.fieldNames().hasNext()) {
                    mediaType = content.fieldNames().next();
                    fields = fields(resolve(content.path(mediaType).path("schema"), schemas), schemas);
                }
                boolean secured = operation.path("security").isArray() && !operation.path("security").isEmpty();
                operations.add(new Operation(service, method.toUpperCase(java.util.Locale.ROOT), path.getKey(),
                        List.copyOf(params), mediaType, fields, secured));
            }
        }
        if (operations.isEmpty()) {
            throw new AssertionError(service + " documents no operation at " + baseUrl + "/q/openapi");
        }
        return operations;
    }

    private static void addParams(List<Param> params, JsonNode list) {
        for (JsonNode param : list) {
            String in = param.path("in").asText();
            if (in.equals("path") || in.equals("query")) {
                params.add(new Param(param.path("name").asText(), in, param.path("schema").path("type")
                        .asText("string")));
            }
        }
    }

    /** The schema with a $ref replaced by the component it names (its own properties kept on top). */
    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().replaceFirst("^#/components/schemas/", "");
            JsonNode component = schemas.path(name);
            if (component.isObject()) {
                com.fasterxml.jackson.databind.node.ObjectNode merged = component.deepCopy();
                schema.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("$ref") && !merged.has(e.getKey())) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
                return merged;
            }
        }
        return schema;
    }

    private static List<Field> fields(JsonNode schema, JsonNode schemas) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties")
                .fields(); properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode value = resolve(property.getValue(), schemas);
            String type = value.path("type").asText(value.has("additionalProperties") ? "object" : "string");
            JsonNode example = value.path("examples").isArray() && !value.path("examples").isEmpty()
                    ? value.path("examples").get(0) : value.path("example").isMissingNode() ? null
                            : value.path("example");
            Integer maxLength = value.has("maxLength") ? value.path("maxLength").asInt() : null;
            fields.put(property.getKey(), new Field(property.getKey(), type, required.contains(property.getKey()),
                    maxLength, example));
        }
        return List.copyOf(fields.values());
    }

    private static JsonNode fetch(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading " + url);
        }
    }
}
