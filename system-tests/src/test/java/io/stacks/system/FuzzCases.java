package io.stacks.system;

import static io.stacks.system.FuzzRequest.Expected;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stacks.system.FuzzApi.Endpoint;
import io.stacks.system.FuzzApi.Field;
import io.stacks.system.FuzzApi.Operation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The malformed requests, generated from the endpoints the OpenAPI documents declare. Each family of inputs is a
 * fuzz class (the numbered ones are the known failure classes of the issue); each request says which answers it may
 * get besides the contract ({@link FuzzContract}) every answer meets.
 */
final class FuzzCases {

    // The known failure classes, numbered as in the issue.
    static final String REPEATED_KEY = "1-repeated-json-key";
    static final String PAGING_OVERFLOW = "2-paging-overflow";
    static final String MALFORMED_MULTIPART = "3-malformed-multipart";
    static final String OVERSIZED_BODY = "4-oversized-body";
    static final String CHUNKED_OVERSIZED = "5-chunked-oversized";
    static final String BAD_PERCENT_ENCODING = "6-bad-percent-encoding";
    static final String PARSER_LIMITS = "7-http-parser-limits";
    static final String INTERNALS = "8-internals-in-details";
    static final String LENIENT = "9-lenient-input";
    // The systematic classes over every endpoint.
    static final String WRONG_TYPE = "wrong-type";
    static final String NULL_FIELD = "null-field";
    static final String MISSING_FIELD = "missing-field";
    static final String UNKNOWN_FIELD = "unknown-field";
    static final String HUGE_STRING = "huge-string";
    static final String CONTROL_CHARS = "control-chars";
    static final String INJECTION = "injection-strings";
    static final String NOT_JSON = "not-json";
    static final String CONTENT_TYPE = "content-type";
    static final String FRAMING = "body-framing";
    static final String MULTIPART = "multipart-parts";
    static final String BAD_AUTH = "bad-authorization";
    static final String BAD_HEADERS = "bad-headers";
    static final String WRONG_METHOD = "wrong-method";
    static final String BAD_PATH_ID = "bad-path-id";
    static final String BAD_QUERY = "bad-query";

    static final int MIB = 1024 * 1024;
    /** Above image-service's 6 MiB HTTP limit (and its 5 MiB image limit), below the gateway's 64 MiB. */
    static final int OVERSIZED_UPLOAD = 7 * MIB;
    /** Above Quarkus' default 10 MiB limit of the JSON services. */
    static final int OVERSIZED_JSON = 11 * MIB;
    static final String DEEP_ARRAYS = "[".repeat(2000) + "]".repeat(2000);
    static final String BOUNDARY = "fuzzboundary7MA4YWxkTrZu0gW";

    private static final String DROP = new String("(dropped)");

    private final FuzzFixture fixture;

    FuzzCases(FuzzFixture fixture) {
        this.fixture = fixture;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The whole sweep

    /** Every family over every endpoint and target. */
    List<FuzzRequest> sweep() {
        List<FuzzRequest> all = new ArrayList<>();
        for (Endpoint endpoint : fixture.endpoints) {
            Operation operation = endpoint.operation();
            if (operation.json()) {
                all.addAll(repeatedKeys(endpoint));
                all.addAll(nonNumericNumbers(endpoint));
                all.addAll(truncatedJson(endpoint));
                all.addAll(deepNesting(endpoint));
                all.addAll(hugeNumbers(endpoint));
                all.addAll(trailingDocuments(endpoint));
                all.addAll(fractionalIntegers(endpoint));
                all.addAll(scalarsForStrings(endpoint));
                all.addAll(lenientContentTypes(endpoint));
                all.addAll(wrongTypes(endpoint));
                all.addAll(nulls(endpoint));
                all.addAll(missingFields(endpoint));
                all.addAll(unknownFields(endpoint));
                all.addAll(hugeStrings(endpoint));
                all.addAll(controlChars(endpoint));
                all.addAll(injectionInBody(endpoint));
                all.addAll(notJson(endpoint));
                all.addAll(otherContentTypes(endpoint));
                all.addAll(framing(endpoint));
            }
            if (operation.multipart()) {
                all.addAll(malformedMultipart(endpoint));
                all.addAll(multipartParts(endpoint));
            }
            if (operation.form()) {
                all.addAll(formBodies(endpoint));
            }
            if (operation.hasBody()) {
                all.addAll(oversizedDeclared(endpoint));
            }
            if (operation.paged()) {
                all.addAll(pagingOverflow(endpoint));
                all.addAll(badPaging(endpoint));
            }
            all.addAll(percentInQuery(endpoint));
            all.addAll(badPathIds(endpoint));
            all.addAll(percentInPath(endpoint));
            all.addAll(badAuthorization(endpoint));
            all.addAll(badHeaders(endpoint));
        }
        all.addAll(wrongMethods());
        for (FuzzRequest.Target target : fixture.targets.values()) {
            all.addAll(percentEncoding(target));
            all.addAll(parserLimits(target));
        }
        all.addAll(oversizedUploads(false));
        all.addAll(oversizedUploads(true));
        all.addAll(chunkedOversized());
        return all;
    }

    /** The family applied to every endpoint the filter keeps. */
    List<FuzzRequest> over(Predicate<Operation> filter, Function<Endpoint, List<FuzzRequest>> family) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Endpoint endpoint : fixture.endpoints) {
            if (filter.test(endpoint.operation())) {
                requests.addAll(family.apply(endpoint));
            }
        }
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. A repeated key after all of a record's fields

    List<FuzzRequest> repeatedKeys(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            String repeated = json(field.name()) + ":" + FuzzFixture.json(duplicateValue(field));
            for (boolean basic : auths(endpoint)) {
                requests.add(jsonRequest(endpoint, REPEATED_KEY, basic,
                        field.name() + " repeated after all fields", withExtra(endpoint.operation(), repeated))
                        .expect(refused(endpoint, 400)).build());
            }
        }
        return requests;
    }

    private static com.fasterxml.jackson.databind.JsonNode duplicateValue(Field field) {
        return field.type().equals("string")
                ? com.fasterxml.jackson.databind.node.TextNode.valueOf("dup")
                : FuzzFixture.validValue(field);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. Paging overflow

    List<FuzzRequest> pagingOverflow(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (String query : List.of("page=2147483647", "page=21474837&size=100", "page=2147483647&size=100",
                "page=21474836&size=100", "page=1073741824&size=2", "page=2147483646&size=2", "page=42949673&size=50",
                "size=100&page=2147483647")) {
            requests.add(request(endpoint, PAGING_OVERFLOW, false, "?" + query, pathOf(endpoint) + "?" + query)
                    .expect(endpoint.operation().internal() ? Expected.ANY_4XX : Expected.oneOf(200, 400)).build());
        }
        return requests;
    }

    List<FuzzRequest> badPaging(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (FuzzApi.Param param : endpoint.operation().queryParams()) {
            for (String value : List.of("-1", "abc", "2147483648", "99999999999999999999", "1.5", "", "0x10", "1e3",
                    "%201", "%00", "0", "101", "-2147483648", "9".repeat(3000))) {
                requests.add(request(endpoint, BAD_QUERY, false, param.name() + "=" + shorten(value),
                        pathOf(endpoint) + "?" + param.name() + "=" + value).expect(any(endpoint)).build());
            }
            for (String value : List.of("'%20OR%201=1%20--", "1%3B%20DROP%20TABLE%20books", "..%2F..%2Fetc%2Fpasswd",
                    "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "../../etc/passwd")) {
                requests.add(request(endpoint, INJECTION, false, param.name() + "=" + value,
                        pathOf(endpoint) + "?" + param.name() + "=" + value).expect(any(endpoint)).build());
            }
            requests.add(request(endpoint, BAD_QUERY, false, param.name() + " given 100 times",
                    pathOf(endpoint) + "?" + (param.name() + "=1&").repeat(100) + "x=1").expect(any(endpoint)).build());
            requests.add(request(endpoint, BAD_PERCENT_ENCODING, false, param.name() + "=%zz",
                    pathOf(endpoint) + "?" + param.name() + "=%zz").expect(refused(endpoint, 400)).build());
        }
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. Malformed multipart, and the other multipart mistakes

    List<FuzzRequest> malformedMultipart(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        byte[] valid = multipart(BOUNDARY, filePart("cover.png", "image/png", FuzzFixture.png()));
        byte[] image = FuzzFixture.png();
        for (boolean basic : auths(endpoint)) {
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "boundary=zzz, body uses another",
                    "multipart/form-data; boundary=zzz", valid).expect(refused(endpoint, 400, 415)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "empty boundary=",
                    "multipart/form-data; boundary=", valid).expect(refused(endpoint, 400, 415)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "boundary=\"\" (quoted, empty)",
                    "multipart/form-data; boundary=\"\"", valid).expect(refused(endpoint, 400, 415)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "no boundary parameter",
                    "multipart/form-data", valid).expect(refused(endpoint, 400, 415)).build());
            byte[] truncated = concat(ascii("--" + BOUNDARY + "\r\n" + fileHeaders("cover.png", "image/png")
                    + "\r\n\r\n"),
                    java.util.Arrays.copyOf(image, image.length / 2));
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic,
                    "truncated body: image cut in half, no closing delimiter", multipartType(), truncated)
                    .expect(refused(endpoint, 400)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "truncated in the part's headers",
                    multipartType(), ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; na"))
                    .expect(refused(endpoint, 400)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "2,000 form fields, no file",
                    multipartType(), manyFields(2000, false)).expect(refused(endpoint, 400, 413)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "2,000 form fields and the file",
                    multipartType(), manyFields(2000, true)).expect(any(endpoint)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "only the closing delimiter",
                    multipartType(), ascii("--" + BOUNDARY + "--\r\n")).expect(refused(endpoint, 400)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "not multipart at all: 'hello'",
                    multipartType(), ascii("hello")).expect(refused(endpoint, 400)).build());
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "empty body", multipartType(),
                    new byte[0]).expect(refused(endpoint, 400)).build());
            // A chunked body without its last chunk is a client still sending: the server rightly waits for more.
            requests.add(multipartRequest(endpoint, MALFORMED_MULTIPART, basic, "chunked, truncated multipart",
                    multipartType(), truncated).chunked().noAnswerTolerated().expect(refused(endpoint, 400)).build());
        }
        return requests;
    }

    List<FuzzRequest> multipartParts(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        byte[] png = FuzzFixture.png();
        byte[] valid = multipart(BOUNDARY, filePart("cover.png", "image/png", png));
        Map<String, byte[]> refusedBodies = new LinkedHashMap<>();
        refusedBodies.put("no part named file", multipart(BOUNDARY,
                part("Content-Disposition: form-data; name=\"other\"; filename=\"a.png\"\r\nContent-Type: image/png",
                        png)));
        refusedBodies.put("empty file", multipart(BOUNDARY, filePart("empty.png", "image/png", new byte[0])));
        refusedBodies.put("text, not an image", multipart(BOUNDARY, filePart("notes.png", "image/png",
                ascii("just text"))));
        refusedBodies.put("part without Content-Disposition", multipart(BOUNDARY, part("Content-Type: image/png",
                png)));
        refusedBodies.put("file as a plain field (no filename)", multipart(BOUNDARY,
                part("Content-Disposition: form-data; name=\"file\"", ascii("not a file"))));
        for (Map.Entry<String, byte[]> body : refusedBodies.entrySet()) {
            requests.add(multipartRequest(endpoint, MULTIPART, false, body.getKey(), multipartType(), body.getValue())
                    .expect(refused(endpoint, 400, 415)).build());
        }
        Map<String, byte[]> odd = new LinkedHashMap<>();
        odd.put("two file parts", multipart(BOUNDARY, filePart("a.png", "image/png", png), filePart("b.png",
                "image/png", png)));
        odd.put("filename ../../etc/passwd", multipart(BOUNDARY, filePart("../../etc/passwd", "image/png", png)));
        odd.put("filename with NUL and quote", multipart(BOUNDARY, filePart("a\u0000\".png", "image/png", png)));
        odd.put("100k-char part header", multipart(BOUNDARY, part(fileHeaders("a.png", "image/png") + "\r\nX-Fuzz: "
                + "h".repeat(100_000), png)));
        odd.put("part Content-Type: */*", multipart(BOUNDARY, filePart("a.png", "*/*", png)));
        for (Map.Entry<String, byte[]> body : odd.entrySet()) {
            requests.add(multipartRequest(endpoint, MULTIPART, false, body.getKey(), multipartType(), body.getValue())
                    .expect(any(endpoint)).build());
        }
        String longBoundary = "b".repeat(200);
        requests.add(multipartRequest(endpoint, MULTIPART, false, "200-char boundary (RFC max 70)",
                "multipart/form-data; boundary=" + longBoundary, multipart(longBoundary, filePart("a.png", "image/png",
                        png)))
                .expect(any(endpoint)).build());
        requests.add(multipartRequest(endpoint, MULTIPART, false, "chunked, valid", multipartType(), valid).chunked()
                .expect(any(endpoint)).build());
        requests.add(multipartRequest(endpoint, MULTIPART, false, "Expect: 100-continue, valid", multipartType(), valid)
                .expectContinue().expect(any(endpoint)).build());
        for (boolean basic : auths(endpoint)) {
            for (String type : new String[] { null, "*/*" }) {
                requests.add(multipartRequest(endpoint, LENIENT, basic, "multipart body with Content-Type " + type,
                        type, valid).expect(refused(endpoint, 400, 415)).build());
            }
        }
        for (String type : List.of("application/json", "text/plain", "multipart/mixed; boundary=" + BOUNDARY,
                "application/octet-stream", "image/png")) {
            requests.add(multipartRequest(endpoint, CONTENT_TYPE, false, "multipart body with Content-Type " + type,
                    type, valid).expect(refused(endpoint, 400, 415)).build());
        }
        requests.add(multipartRequest(endpoint, CONTENT_TYPE, false, "multipart with charset=bogus",
                multipartType() + "; charset=bogus", valid).expect(any(endpoint)).build());
        requests.add(multipartRequest(endpoint, CONTENT_TYPE, false, "JSON body, multipart Content-Type",
                multipartType(), ascii("{\"file\":\"x\"}")).expect(refused(endpoint, 400, 415)).build());
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. and 5. Bodies over the limit: declared (cheap, per endpoint), real (a few), chunked (a few)

    List<FuzzRequest> oversizedDeclared(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        String type = endpoint.operation().multipart() ? multipartType() : endpoint.operation().mediaType();
        for (boolean expect : new boolean[] { false, true }) {
            FuzzRequest.Builder builder = request(endpoint, OVERSIZED_BODY, false,
                    "Content-Length: 1 GiB declared, body never sent" + (expect ? ", Expect: 100-continue" : ""),
                    pathOf(endpoint)).contentType(type).declaredLength(1L << 30).expect(refused(endpoint, 413));
            if (expect) {
                builder.header("Expect", "100-continue");
            }
            requests.add(builder.build());
        }
        return requests;
    }

    /** A 7 MiB image upload with its Content-Length, with or without Expect: 100-continue, Bearer and Basic. */
    List<FuzzRequest> oversizedUploads(boolean expectContinue) {
        List<FuzzRequest> requests = new ArrayList<>();
        byte[] body = multipart(BOUNDARY, filePart("huge.png", "image/png", bigPng(OVERSIZED_UPLOAD)));
        for (Endpoint endpoint : firstPerTarget(Operation::multipart)) {
            for (boolean basic : endpoint.target().gateway() ? new boolean[] { false, true }
                    : new boolean[] { false }) {
                FuzzRequest.Builder builder = multipartRequest(endpoint, OVERSIZED_BODY, basic,
                        "7 MiB upload with Content-Length, " + (expectContinue ? "Expect: 100-continue" : "no Expect"),
                        multipartType(), body).expect(refused(endpoint, 413));
                if (expectContinue) {
                    builder.expectContinue();
                }
                requests.add(builder.build());
            }
        }
        return requests;
    }

    /** Chunked bodies over the limit: a 7 MiB upload and an 11 MiB JSON document. */
    List<FuzzRequest> chunkedOversized() {
        List<FuzzRequest> requests = new ArrayList<>();
        byte[] upload = multipart(BOUNDARY, filePart("huge.png", "image/png", bigPng(OVERSIZED_UPLOAD)));
        for (Endpoint endpoint : firstPerTarget(Operation::multipart)) {
            for (boolean basic : endpoint.target().gateway() ? new boolean[] { false, true }
                    : new boolean[] { false }) {
                requests.add(multipartRequest(endpoint, CHUNKED_OVERSIZED, basic, "7 MiB upload, chunked",
                        multipartType(), upload).chunked().expect(refused(endpoint, 413)).build());
            }
        }
        for (Endpoint endpoint : firstPerTarget(o -> o.json() && !o.fields().isEmpty()
                && o.fields().stream().anyMatch(f -> f.type().equals("string")))) {
            Field text = endpoint.operation().fields().stream().filter(f -> f.type().equals("string")).findFirst()
                    .orElseThrow();
            String json = bodyWith(endpoint.operation(), text.name(), json("x".repeat(OVERSIZED_JSON)));
            requests.add(jsonRequest(endpoint, CHUNKED_OVERSIZED, false, "11 MiB JSON document, chunked", json)
                    .chunked().expect(refused(endpoint, 413)).build());
        }
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 6. Malformed percent-encoding

    /** The three URLs, and a few more, at one target. */
    List<FuzzRequest> percentEncoding(FuzzRequest.Target target) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (String uri : List.of("/book/%zz", "/book/%", "/book?page=%zz", "/%zz", "/book/%2", "/book?%zz=1",
                "/book/%u0041", "/user/%E0%A4%A")) {
            requests.add(FuzzRequest.to(target, "GET", uri).fuzzClass(BAD_PERCENT_ENCODING).sent(uri)
                    .authorization(fixture.bearer).expect(400).build());
        }
        return requests;
    }

    List<FuzzRequest> percentInPath(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (FuzzApi.Param param : endpoint.operation().pathParams()) {
            for (String value : List.of("%zz", "%", "%G1", "%%")) {
                requests.add(withBody(endpoint, request(endpoint, BAD_PERCENT_ENCODING, false,
                        "{" + param.name() + "} = " + value, fixture.pathWith(endpoint.operation(), param.name(),
                                value)))
                        .expect(refused(endpoint, 400)).build());
            }
        }
        return requests;
    }

    List<FuzzRequest> percentInQuery(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        requests.add(withBody(endpoint, request(endpoint, BAD_PERCENT_ENCODING, false, "?%zz=1",
                pathOf(endpoint) + "?%zz=1")).expect(any(endpoint)).build());
        requests.add(withBody(endpoint, request(endpoint, BAD_QUERY, false, "unknown ?fuzz=1",
                pathOf(endpoint) + "?fuzz=1")).expect(any(endpoint)).build());
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 7. HTTP parser limits and malformed heads, at one target

    List<FuzzRequest> requestLineTooLong(FuzzRequest.Target target) {
        String path = probePath(target);
        return List.of(raw(target, "request line of 5 KB", path + "?q=" + "a".repeat(5000), List.of()).expect(414)
                .build(),
                raw(target, "request line of 64 KB", path + "?q=" + "a".repeat(64 * 1024), List.of()).expect(400, 414)
                        .build());
    }

    List<FuzzRequest> headersTooLarge(FuzzRequest.Target target) {
        String path = probePath(target);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add("X-Fuzz-" + i + ": " + "v".repeat(24));
        }
        // The services accept 20 KiB of headers (Quarkus' default): 10 KiB is within it, 32 KiB is not.
        return List.of(raw(target, "one 9 KB header (within the 20 KiB limit)", path, List.of("X-Fuzz: "
                + "a".repeat(9 * 1024))).build(),
                raw(target, "300 headers, 10 KB together (within the limit)", path, many).build(),
                raw(target, "one 32 KB header", path, List.of("X-Fuzz: " + "a".repeat(32 * 1024))).expect(431).build());
    }

    List<FuzzRequest> nulInHeader(FuzzRequest.Target target) {
        String path = probePath(target);
        return List.of(raw(target, "NUL byte in a header value", path, List.of("X-Fuzz: a\u0000b")).expect(400).build(),
                raw(target, "NUL byte in a header name", path, List.of("X-Fu\u0000zz: a")).expect(400).build());
    }

    List<FuzzRequest> parserLimits(FuzzRequest.Target target) {
        String path = probePath(target);
        List<FuzzRequest> requests = new ArrayList<>();
        requests.addAll(requestLineTooLong(target));
        requests.addAll(headersTooLarge(target));
        requests.addAll(nulInHeader(target));
        requests.add(raw(target, "space in a header name", path, List.of("X Fuzz: a")).expect(400).build());
        requests.add(raw(target, "header line without a colon", path, List.of("XFuzzNoColon")).expect(400).build());
        requests.add(raw(target, "bare CR in a header value", path, List.of("X-Fuzz: a\rb")).expect(400).build());
        requests.add(raw(target, "no Host header (HTTP/1.1)", path, List.of()).withoutHost().expect(400).build());
        requests.add(raw(target, "space inside the request target", path + "/a b", List.of()).expect(400, 404).build());
        requests.add(raw(target, "raw UTF-8 bytes (é, è, U+1F642) in the path", path + "/"
                + latin1Of("\u00e9\u00e8\ud83d\ude42"), List.of())
                .expect(Expected.ANY).build());
        requests.add(FuzzRequest.to(target, "GET", path).fuzzClass(PARSER_LIMITS).sent("request line 'GARBAGE'")
                .rawHead("GARBAGE\r\n\r\n").expect(400).build());
        requests.add(FuzzRequest.to(target, "GET", path).fuzzClass(PARSER_LIMITS).sent("bare LF line endings")
                .rawHead("GET " + path + " HTTP/1.1\nHost: " + target.host() + "\nAuthorization: " + fixture.bearer
                        + "\nConnection: close\n\n").expect(Expected.ANY).build());
        requests.add(FuzzRequest.to(target, "GET", path).fuzzClass(PARSER_LIMITS).sent("obsolete header folding")
                .rawHead("GET " + path + " HTTP/1.1\r\nHost: " + target.host() + "\r\nX-Fuzz: a\r\n  folded\r\n"
                        + "Authorization: " + fixture.bearer + "\r\nConnection: close\r\n\r\n")
                .expect(Expected.ANY).build());
        return requests;
    }

    private FuzzRequest.Builder raw(FuzzRequest.Target target, String sent, String uri, List<String> headerLines) {
        FuzzRequest.Builder builder = FuzzRequest.to(target, "GET", uri).fuzzClass(PARSER_LIMITS).sent(sent)
                .authorization(fixture.bearer);
        headerLines.forEach(builder::headerLine);
        return builder;
    }

    /**
     * A path of the target that needs the caller's token (so the request reaches the service's own code), GET and
     * without query parameters when there is one; any path of the target otherwise.
     */
    String probePath(FuzzRequest.Target target) {
        List<Operation> operations = fixture.endpoints.stream().filter(e -> e.target().equals(target))
                .map(Endpoint::operation).toList();
        Comparator<Operation> preference = Comparator.comparing((Operation o) -> !o.method().equals("GET"))
                .thenComparing(o -> !o.secured()).thenComparing(Operation::internal)
                .thenComparing(o -> !o.queryParams().isEmpty());
        return operations.stream().sorted(preference).map(o -> fixture.path(o, true)).findFirst().orElse("/");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 8. Inputs whose error messages tend to name internals

    List<FuzzRequest> nonNumericNumbers(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            for (String literal : List.of("NaN", "Infinity", "-Infinity")) {
                for (boolean basic : auths(endpoint)) {
                    requests.add(jsonRequest(endpoint, INTERNALS, basic, field.name() + ": " + literal,
                            bodyWith(endpoint.operation(), field.name(), literal)).expect(refused(endpoint, 400))
                                    .build());
                }
            }
        }
        return requests;
    }

    List<FuzzRequest> truncatedJson(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        String valid = validJson(endpoint.operation());
        Map<String, String> cuts = new LinkedHashMap<>();
        cuts.put("JSON cut in half", valid.substring(0, valid.length() / 2));
        cuts.put("JSON without its closing brace", valid.substring(0, valid.length() - 1));
        cuts.put("JSON cut inside a field name", "{\"" + firstFieldName(endpoint).substring(0, 1));
        cuts.put("only '{'", "{");
        for (Map.Entry<String, String> cut : cuts.entrySet()) {
            for (boolean basic : auths(endpoint)) {
                requests.add(jsonRequest(endpoint, INTERNALS, basic, cut.getKey(), cut.getValue())
                        .expect(refused(endpoint, 400)).build());
            }
        }
        return requests;
    }

    List<FuzzRequest> deepNesting(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("2,000 nested arrays as the body", DEEP_ARRAYS);
        bodies.put("2,000 nested arrays in an unknown field", withExtra(endpoint.operation(), "\"fuzzDeep\":"
                + DEEP_ARRAYS));
        bodies.put("2,000 nested objects in an unknown field", withExtra(endpoint.operation(),
                "\"fuzzDeep\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000)));
        bodies.put("2,000 nested arrays as " + firstFieldName(endpoint),
                bodyWith(endpoint.operation(), firstFieldName(endpoint), DEEP_ARRAYS));
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            for (boolean basic : auths(endpoint)) {
                requests.add(jsonRequest(endpoint, INTERNALS, basic, body.getKey(), body.getValue())
                        .expect(refused(endpoint, 400)).build());
            }
        }
        return requests;
    }

    List<FuzzRequest> hugeNumbers(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            if (field.type().equals("integer") || field.type().equals("number")) {
                for (String literal : List.of("99999999999999999999", "1e999999", "9".repeat(100_000),
                        "-99999999999999999999")) {
                    requests.add(jsonRequest(endpoint, INTERNALS, false, field.name() + ": " + shorten(literal),
                            bodyWith(endpoint.operation(), field.name(), literal)).expect(refused(endpoint, 400))
                                    .build());
                }
            }
        }
        requests.add(jsonRequest(endpoint, INTERNALS, false, "100,000-digit number in an unknown field",
                withExtra(endpoint.operation(), "\"fuzzNumber\":" + "9".repeat(100_000))).expect(any(endpoint))
                        .build());
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 9. Lenient input that must be refused

    List<FuzzRequest> trailingDocuments(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        Operation operation = endpoint.operation();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("a second JSON document after the first", validJson(operation) + " " + validJson(operation));
        bodies.put("'{...} {}'", validJson(operation) + " {}");
        bodies.put("'{...} x' (trailing garbage)", validJson(operation) + " x");
        bodies.put("'{...}]' (stray bracket)", validJson(operation) + "]");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            for (boolean basic : auths(endpoint)) {
                requests.add(jsonRequest(endpoint, LENIENT, basic, body.getKey(), body.getValue())
                        .expect(refused(endpoint, 400)).build());
            }
        }
        return requests;
    }

    List<FuzzRequest> fractionalIntegers(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            if (field.type().equals("integer")) {
                for (String literal : List.of("1.5", "2.0", "1e0", "-0.0e-99999")) {
                    for (boolean basic : auths(endpoint)) {
                        requests.add(jsonRequest(endpoint, LENIENT, basic, field.name() + ": " + literal,
                                bodyWith(endpoint.operation(), field.name(), literal)).expect(refused(endpoint, 400))
                                        .build());
                    }
                }
            }
        }
        return requests;
    }

    List<FuzzRequest> scalarsForStrings(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            if (field.type().equals("string")) {
                for (String literal : List.of("42", "true", "1.5")) {
                    for (boolean basic : auths(endpoint)) {
                        requests.add(jsonRequest(endpoint, LENIENT, basic, field.name() + ": " + literal,
                                bodyWith(endpoint.operation(), field.name(), literal)).expect(refused(endpoint, 400))
                                        .build());
                    }
                }
            }
        }
        return requests;
    }

    List<FuzzRequest> lenientContentTypes(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        requests.addAll(contentTypeCases(endpoint, null));
        requests.addAll(contentTypeCases(endpoint, "*/*"));
        requests.addAll(contentTypeCases(endpoint, "application/json; charset=bogus"));
        return requests;
    }

    /** A valid JSON body sent with this Content-Type (null: none at all). */
    List<FuzzRequest> contentTypeCases(Endpoint endpoint, String contentType) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (boolean basic : auths(endpoint)) {
            requests.add(request(endpoint, LENIENT, basic, "valid JSON with " + (contentType == null ? "no Content-Type"
                    : "Content-Type: " + contentType), pathOf(endpoint)).contentType(contentType)
                    .body(validJson(endpoint.operation())).expect(refused(endpoint, 400, 415)).build());
        }
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The systematic JSON classes

    List<FuzzRequest> wrongTypes(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            List<String> literals = switch (field.type()) {
                case "string" -> List.of("[]", "{}", "[\"x\"]", "{\"a\":\"b\"}");
                case "integer", "number" -> List.of("\"lots\"", "true", "[]", "{}", "\"\"", "[1]");
                case "boolean" -> List.of("\"yes\"", "2", "[]", "{}");
                case "object" -> List.of("\"x\"", "42", "[]", "true", "{\"link\":[1]}", "{\"link\":{}}");
                default -> List.of("\"x\"", "42", "{}");
            };
            for (String literal : literals) {
                requests.add(jsonRequest(endpoint, WRONG_TYPE, false, field.name() + " (" + field.type() + "): "
                        + literal,
                        bodyWith(endpoint.operation(), field.name(), literal)).expect(refused(endpoint, 400)).build());
            }
        }
        return requests;
    }

    List<FuzzRequest> nulls(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            requests.add(jsonRequest(endpoint, NULL_FIELD, false, field.name() + ": null",
                    bodyWith(endpoint.operation(), field.name(), "null"))
                    .expect(field.required() ? refused(endpoint, 400) : any(endpoint)).build());
        }
        return requests;
    }

    List<FuzzRequest> missingFields(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            requests.add(jsonRequest(endpoint, MISSING_FIELD, false, "without " + field.name(),
                    bodyWith(endpoint.operation(), field.name(), DROP))
                    .expect(field.required() ? refused(endpoint, 400) : any(endpoint)).build());
        }
        if (endpoint.operation().fields().stream().anyMatch(Field::required)) {
            requests.add(jsonRequest(endpoint, MISSING_FIELD, false, "{} (every field missing)", "{}")
                    .expect(refused(endpoint, 400)).build());
        }
        return requests;
    }

    List<FuzzRequest> unknownFields(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (String member : List.of("\"fuzzUnknown\":1", "\"fuzzUnknown\":{\"a\":[1,2,{\"b\":null}]}",
                "\"\":\"empty name\"", "\"id\":\"" + UUID.randomUUID() + "\"", "\"createdBy\":\"admin@example.com\"",
                "\"roles\":[\"admin\"]", "\"verified\":true", "\"__proto__\":{\"admin\":true}")) {
            requests.add(jsonRequest(endpoint, UNKNOWN_FIELD, false, "extra member " + member,
                    withExtra(endpoint.operation(), member)).expect(any(endpoint)).build());
        }
        return requests;
    }

    List<FuzzRequest> hugeStrings(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            if (field.type().equals("string")) {
                requests.add(jsonRequest(endpoint, HUGE_STRING, false, field.name() + ": 100,000 chars",
                        bodyWith(endpoint.operation(), field.name(), json("x".repeat(100_000)))).expect(any(endpoint))
                                .build());
                requests.add(jsonRequest(endpoint, HUGE_STRING, false, field.name() + ": 100,000 multi-byte chars",
                        bodyWith(endpoint.operation(), field.name(), json("\u00e9".repeat(100_000))))
                                .expect(any(endpoint))
                        .build());
            }
        }
        requests.add(jsonRequest(endpoint, HUGE_STRING, false, "100,000-char member name",
                withExtra(endpoint.operation(), json("k".repeat(100_000)) + ":1")).expect(any(endpoint)).build());
        return requests;
    }

    List<FuzzRequest> controlChars(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            if (!field.type().equals("string")) {
                continue;
            }
            String value = FuzzFixture.validValue(field).asText();
            for (String escaped : List.of("\\u0000", "\\u0001\\u001f\\u007f", "\\r\\n\\t", "\\ud800", "\\u202e")) {
                requests.add(jsonRequest(endpoint, CONTROL_CHARS, false, field.name() + " with escaped " + escaped,
                        bodyWith(endpoint.operation(), field.name(), "\"" + value + escaped + "\""))
                        .expect(any(endpoint)).build());
            }
            for (String rawChar : List.of("\u0000", "\u0001", "\n", "\u001b")) {
                requests.add(jsonRequest(endpoint, CONTROL_CHARS, false, field.name() + " with a raw control char 0x"
                        + Integer.toHexString(rawChar.charAt(0)), bodyWith(endpoint.operation(), field.name(),
                        "\"" + value + rawChar + "x\"")).expect(refused(endpoint, 400)).build());
            }
        }
        return requests;
    }

    List<FuzzRequest> injectionInBody(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (Field field : endpoint.operation().fields()) {
            if (!field.type().equals("string")) {
                continue;
            }
            for (String value : List.of("' OR 1=1 --", "\"; DROP TABLE users; --", "../../etc/passwd", "%2e%2e%2f",
                    "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>", "a@example.com' --")) {
                requests.add(jsonRequest(endpoint, INJECTION, false, field.name() + ": " + value,
                        bodyWith(endpoint.operation(), field.name(), json(value))).expect(any(endpoint)).build());
            }
        }
        return requests;
    }

    List<FuzzRequest> notJson(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        String valid = validJson(endpoint.operation());
        String first = firstFieldName(endpoint);
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String text : List.of("[]", "null", "\"text\"", "42", "true", "", " ", "{oops", "{'" + first + "':'x'}",
                "{" + first + ":\"x\"}", valid.substring(0, valid.length() - 1) + ",}", "/* comment */ " + valid,
                "{\"" + first + "\" \"x\"}", "{\"" + first + "\":\"x\"", "{\"" + first + "\":01}", "{\"" + first
                        + "\":+1}",
                "{\"" + first + "\":0x10}", "{\"" + first + "\":undefined}", "<book/>", "title=x&author=y")) {
            bodies.put("body " + shorten(text.isEmpty() ? "(empty)" : text), text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("invalid UTF-8 in a string", concat(ascii("{\"" + first + "\":\"a"), new byte[] { (byte) 0xc3, 0x28,
                (byte) 0xff }, ascii("\"}")));
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            requests.add(request(endpoint, NOT_JSON, false, body.getKey(), pathOf(endpoint))
                    .contentType("application/json")
                    .body(body.getValue()).expect(refused(endpoint, 400)).build());
        }
        // RFC 8259 lets a receiver detect UTF-16: accepting it is no failure, but the answer meets the contract.
        requests.add(request(endpoint, NOT_JSON, false, "UTF-16 body with Content-Type application/json",
                pathOf(endpoint)).contentType("application/json").body(valid.getBytes(StandardCharsets.UTF_16LE))
                .expect(any(endpoint)).build());
        requests.add(request(endpoint, NOT_JSON, false, "valid JSON after a UTF-8 byte order mark", pathOf(endpoint))
                .contentType("application/json").body(concat(new byte[] { (byte) 0xef, (byte) 0xbb, (byte) 0xbf },
                        valid.getBytes(StandardCharsets.UTF_8))).expect(any(endpoint)).build());
        return requests;
    }

    List<FuzzRequest> otherContentTypes(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=" + BOUNDARY, "application/jsonx", "garbage", "",
                "application/json; charset=utf-16", "application/octet-stream", "text/json\u0000")) {
            requests.add(request(endpoint, CONTENT_TYPE, false, "valid JSON with Content-Type '" + shorten(type) + "'",
                    pathOf(endpoint)).contentType(type).body(validJson(endpoint.operation()))
                    .expect(refused(endpoint, 400, 415)).build());
        }
        // Valid media types (RFC 9110 allows empty parameters): whatever the answer, it meets the contract.
        for (String type : List.of("APPLICATION/JSON", "application/json;charset=UTF-8", "application/problem+json",
                "application/json;;;")) {
            requests.add(request(endpoint, CONTENT_TYPE, false, "valid JSON with Content-Type '" + type + "'",
                    pathOf(endpoint)).contentType(type).body(validJson(endpoint.operation())).expect(any(endpoint))
                    .build());
        }
        return requests;
    }

    /** Chunked and declared lengths, with and without Expect: 100-continue. */
    List<FuzzRequest> framing(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        Operation operation = endpoint.operation();
        String valid = validJson(operation);
        String repeated = withExtra(operation, json(firstFieldName(endpoint)) + ":"
                + FuzzFixture.json(duplicateValue(operation.fields().get(0))));
        requests.add(jsonRequest(endpoint, FRAMING, false, "valid JSON, chunked", valid).chunked().expect(any(endpoint))
                .build());
        requests.add(jsonRequest(endpoint, FRAMING, false, "valid JSON, Expect: 100-continue", valid).expectContinue()
                .expect(any(endpoint)).build());
        requests.add(jsonRequest(endpoint, FRAMING, false, "repeated key, chunked", repeated).chunked()
                .expect(refused(endpoint, 400)).build());
        requests.add(jsonRequest(endpoint, FRAMING, false, "repeated key, Expect: 100-continue", repeated)
                .expectContinue().expect(refused(endpoint, 400)).build());
        requests.add(jsonRequest(endpoint, FRAMING, false, "truncated JSON, chunked", valid.substring(0,
                valid.length() / 2))
                .chunked().expect(refused(endpoint, 400)).build());
        requests.add(jsonRequest(endpoint, FRAMING, false, "Content-Length half the body (rest ignored)", valid)
                .declaredLength(valid.length() / 2).expect(refused(endpoint, 400)).build());
        requests.add(jsonRequest(endpoint, FRAMING, false, "Content-Length 1000 more than sent, then the client stops",
                valid).declaredLength(valid.length() + 1000L).halfClose().noAnswerTolerated().expect(refused(endpoint,
                        400))
                .build());
        for (String length : List.of("-1", "abc", "1e3", "99999999999999999999999", "")) {
            requests.add(request(endpoint, FRAMING, false, "Content-Length: '" + length + "'", pathOf(endpoint))
                    .contentType("application/json").contentLength(length).body(valid).expect(refused(endpoint, 400,
                            413))
                    .build());
        }
        requests.add(request(endpoint, FRAMING, false, "two different Content-Length headers", pathOf(endpoint))
                .contentType("application/json").header("Content-Length", "5").body(valid).expect(refused(endpoint,
                        400))
                .build());
        requests.add(request(endpoint, FRAMING, false, "Transfer-Encoding: gzip (unsupported)", pathOf(endpoint))
                .contentType("application/json").header("Transfer-Encoding", "gzip").body(valid)
                .expect(refused(endpoint, 400, 411, 415)).build());
        requests.add(request(endpoint, FRAMING, false, "Transfer-Encoding: chunked and Content-Length",
                pathOf(endpoint))
                .contentType("application/json").header("Content-Length", "3").body(valid).chunked()
                .expect(any(endpoint)).build());
        // The HTTP codec drops the connection on broken chunk framing without an answer (README: the known gap).
        requests.add(request(endpoint, FRAMING, false, "invalid chunk size 'zz'", pathOf(endpoint))
                .contentType("application/json").header("Transfer-Encoding", "chunked")
                .body("zz\r\n" + valid + "\r\n0\r\n\r\n").contentLength(null).noAnswerTolerated()
                .expect(refused(endpoint, 400)).build());
        return requests;
    }

    List<FuzzRequest> formBodies(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("valid form", "grant_type=client_credentials&audience=book-service");
        bodies.put("form ?%zz=1", "%zz=1&grant_type=client_credentials");
        bodies.put("grant_type=%zz", "grant_type=%zz");
        bodies.put("100,000-char audience", "grant_type=client_credentials&audience=" + "a".repeat(100_000));
        bodies.put("2,000 fields", "f=1&".repeat(2000) + "grant_type=client_credentials");
        bodies.put("NUL in a value", "grant_type=client%00credentials");
        bodies.put("grant_type twice", "grant_type=client_credentials&grant_type=password");
        bodies.put("JSON instead of a form", "{\"grant_type\":\"client_credentials\"}");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            requests.add(request(endpoint, CONTENT_TYPE, false, body.getKey(), pathOf(endpoint))
                    .contentType(endpoint.operation().mediaType()).body(body.getValue()).expect(any(endpoint)).build());
        }
        for (String type : new String[] { null, "*/*", "application/json",
                "application/x-www-form-urlencoded; charset=bogus" }) {
            requests.add(request(endpoint, CONTENT_TYPE, false, "form with Content-Type " + type, pathOf(endpoint))
                    .contentType(type).body("grant_type=client_credentials&audience=book-service").expect(any(endpoint))
                    .build());
        }
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ids and query parameters

    List<FuzzRequest> badPathIds(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        for (FuzzApi.Param param : endpoint.operation().pathParams()) {
            for (String value : List.of(UUID.randomUUID().toString(), "0", "-1", "null", "a".repeat(1000), "%C0%AF",
                    "%00", "%F0%9F%92%A5", latin1Of("\ud83d\udca5"), "%20", "1.0", UUID.randomUUID() + "%0A")) {
                String shown = value.equals(latin1Of("\ud83d\udca5")) ? "raw UTF-8 bytes of U+1F4A5" : shorten(value);
                requests.add(withBody(endpoint, request(endpoint, BAD_PATH_ID, false,
                        "{" + param.name() + "} = " + shown, fixture.pathWith(endpoint.operation(), param.name(),
                                value)))
                        .expect(any(endpoint)).build());
            }
            for (String value : List.of("'%20OR%201=1%20--", "%27%20OR%20%271%27=%271", "..%2F..%2Fetc%2Fpasswd",
                    "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "../../etc/passwd", "..", "%3BDROP%20TABLE%20books",
                    "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fx%7D")) {
                requests.add(withBody(endpoint, request(endpoint, INJECTION, false, "{" + param.name() + "} = " + value,
                        fixture.pathWith(endpoint.operation(), param.name(), value))).expect(any(endpoint)).build());
            }
        }
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Headers and methods

    List<FuzzRequest> badAuthorization(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        String token = fixture.bearer.substring("Bearer ".length());
        String[] jwt = token.split("\\.");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("no Authorization", null);
        values.put("Bearer x", "Bearer x");
        values.put("Basic !!!", "Basic !!!");
        values.put("Bearer + 10,000 chars", "Bearer " + "a".repeat(10_000));
        values.put("unknown scheme 'Digest'", "Digest username=\"x\"");
        values.put("'Bearer' without a token", "Bearer");
        values.put("'Bearer ' (space, no token)", "Bearer ");
        values.put("Basic of ':'", "Basic " + base64(":"));
        values.put("Basic without a colon", "Basic " + base64("nocolon"));
        values.put("Basic with a wrong password", "Basic " + base64(fixture.username + ":wrong-password-1"));
        values.put("token with a tampered signature", "Bearer " + jwt[0] + "." + jwt[1] + "." + jwt[2].substring(0, 10)
                + "AAAA" + jwt[2].substring(14));
        values.put("token with alg none", "Bearer " + base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + jwt[1]
                + ".");
        values.put("token of three empty parts", "Bearer ..");
        values.put("token and trailing garbage", fixture.bearer + " garbage");
        values.put("Authorization with non-ASCII bytes", "Bearer " + latin1Of("\u00e9\u00e8"));
        for (Map.Entry<String, String> value : values.entrySet()) {
            FuzzRequest.Builder builder = FuzzRequest.to(endpoint.target(), endpoint.operation().method(),
                    pathOf(endpoint))
                    .fuzzClass(BAD_AUTH).sent(value.getKey()).authorization(value.getValue())
                    .expect(endpoint.operation().secured() || endpoint.operation().internal()
                            ? refused(endpoint, 401, 403) : Expected.ANY);
            requests.add(withBody(endpoint, builder).build());
        }
        return requests;
    }

    List<FuzzRequest> badHeaders(Endpoint endpoint) {
        List<FuzzRequest> requests = new ArrayList<>();
        List<String[]> headers = List.of(new String[] { "X-Request-Id", "r".repeat(300) },
                new String[] { "X-Request-Id", "<script>alert(1)</script>" }, new String[] { "X-Request-Id", "" },
                new String[] { "Accept", "application/xml" }, new String[] { "Accept", "garbage/;;;q=x" },
                new String[] { "Accept-Charset", "bogus" }, new String[] { "Origin", "http://evil.example" },
                new String[] { "Cookie", "a=" + "c".repeat(2000) });
        for (String[] header : headers) {
            requests.add(withBody(endpoint, request(endpoint, BAD_HEADERS, false,
                    header[0] + ": " + shorten(header[1]), pathOf(endpoint)).header(header[0], header[1]))
                    .expect(any(endpoint)).build());
        }
        requests.add(withBody(endpoint, request(endpoint, BAD_HEADERS, false, "HTTP/1.0 without Host", pathOf(endpoint))
                .version("HTTP/1.0").withoutHost()).expect(any(endpoint)).build());
        return requests;
    }

    /** Every method a path does not declare (and two no server knows), at every target. */
    List<FuzzRequest> wrongMethods() {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        Map<String, Endpoint> sample = new LinkedHashMap<>();
        for (Endpoint endpoint : fixture.endpoints) {
            String key = endpoint.target().name() + " " + endpoint.operation().path();
            declared.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(endpoint.operation().method());
            sample.putIfAbsent(key, endpoint);
        }
        List<FuzzRequest> requests = new ArrayList<>();
        declared.forEach((key, methods) -> {
            Endpoint endpoint = sample.get(key);
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "FOO", "TRACE")) {
                if (methods.contains(method)) {
                    continue;
                }
                Operation pretend = new Operation(endpoint.operation().service(), method, endpoint.operation().path(),
                        endpoint.operation().params(), null, List.of(), endpoint.operation().secured());
                FuzzRequest.Builder builder = FuzzRequest.to(endpoint.target(), method, fixture.path(pretend, true))
                        .fuzzClass(WRONG_METHOD).sent(method + " on a path that declares " + methods)
                        .authorization(fixture.bearer).expect(400, 401, 403, 404, 405);
                if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                    builder.json("{}");
                }
                requests.add(builder.build());
            }
        });
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Building blocks

    /** Bearer everywhere; at the gateway the numbered classes go once more with Basic (held, exchanged, resumed). */
    private static boolean[] auths(Endpoint endpoint) {
        return endpoint.target().gateway() ? new boolean[] { false, true } : new boolean[] { false };
    }

    private FuzzRequest.Builder request(Endpoint endpoint, String fuzzClass, boolean basic, String sent, String uri) {
        return FuzzRequest.to(endpoint.target(), endpoint.operation().method(), uri).fuzzClass(fuzzClass)
                .sent(sent + (basic ? " [Basic]" : "")).authorization(fixture.authFor(endpoint.target(), basic));
    }

    private FuzzRequest.Builder jsonRequest(Endpoint endpoint, String fuzzClass, boolean basic, String sent,
            String json) {
        return request(endpoint, fuzzClass, basic, sent, pathOf(endpoint)).json(json);
    }

    private FuzzRequest.Builder multipartRequest(Endpoint endpoint, String fuzzClass, boolean basic, String sent,
            String contentType, byte[] body) {
        return request(endpoint, fuzzClass, basic, sent, pathOf(endpoint)).contentType(contentType).body(body);
    }

    /** A valid body for the operation, so that only the mutated part (path, query, header) is wrong. */
    private FuzzRequest.Builder withBody(Endpoint endpoint, FuzzRequest.Builder builder) {
        Operation operation = endpoint.operation();
        if (operation.json()) {
            builder.json(validJson(operation));
        } else if (operation.multipart()) {
            builder.contentType(multipartType()).body(multipart(BOUNDARY, filePart("cover.png", "image/png",
                    FuzzFixture.png())));
        } else if (operation.form()) {
            builder.contentType(operation.mediaType()).body("grant_type=client_credentials&audience=book-service");
        }
        return builder;
    }

    private String pathOf(Endpoint endpoint) {
        return fixture.path(endpoint.operation(), true);
    }

    /** The first endpoint per target that the filter keeps. */
    private List<Endpoint> firstPerTarget(Predicate<Operation> filter) {
        Map<String, Endpoint> first = new LinkedHashMap<>();
        for (Endpoint endpoint : fixture.endpoints) {
            if (filter.test(endpoint.operation()) && endpoint.operation().method().equals("POST")) {
                first.putIfAbsent(endpoint.target().name(), endpoint);
            }
        }
        return List.copyOf(first.values());
    }

    private static Expected refused(Endpoint endpoint, int... statuses) {
        return endpoint.operation().internal() ? Expected.ANY_4XX : Expected.oneOf(statuses);
    }

    private static Expected any(Endpoint endpoint) {
        return endpoint.operation().internal() ? Expected.ANY_4XX : Expected.ANY;
    }

    private String validJson(Operation operation) {
        return FuzzFixture.json(fixture.validBody(operation));
    }

    /** The valid body as JSON text with one member's value replaced by raw JSON text ({@link #DROP}: left out). */
    private String bodyWith(Operation operation, String field, String rawValue) {
        ObjectNode valid = fixture.validBody(operation);
        List<String> members = new ArrayList<>();
        valid.fields().forEachRemaining(member -> {
            if (!member.getKey().equals(field)) {
                members.add(json(member.getKey()) + ":" + FuzzFixture.json(member.getValue()));
            } else if (rawValue != DROP) {
                members.add(json(field) + ":" + rawValue);
            }
        });
        return "{" + String.join(",", members) + "}";
    }

    /** The valid body with raw members added after all of its own. */
    private String withExtra(Operation operation, String rawMembers) {
        String valid = validJson(operation);
        String open = valid.substring(0, valid.length() - 1);
        return open + (open.equals("{") ? "" : ",") + rawMembers + "}";
    }

    private static String firstFieldName(Endpoint endpoint) {
        return endpoint.operation().fields().isEmpty() ? "x" : endpoint.operation().fields().get(0).name();
    }

    static String json(String text) {
        return FuzzFixture.json(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
    }

    static String multipartType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    static byte[] multipart(String boundary, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(ascii("--" + boundary + "\r\n"));
            out.writeBytes(part);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("--" + boundary + "--\r\n"));
        return out.toByteArray();
    }

    static byte[] part(String headers, byte[] content) {
        return concat(headers.getBytes(StandardCharsets.UTF_8), ascii("\r\n\r\n"), content);
    }

    static byte[] filePart(String filename, String contentType, byte[] content) {
        return part(fileHeaders(filename, contentType), content);
    }

    private static String fileHeaders(String filename, String contentType) {
        return "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\nContent-Type: "
                + contentType;
    }

    private static byte[] manyFields(int count, boolean withFile) {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(part("Content-Disposition: form-data; name=\"field" + i + "\"", ascii("v")));
        }
        if (withFile) {
            parts.add(filePart("cover.png", "image/png", FuzzFixture.png()));
        }
        return multipart(BOUNDARY, parts.toArray(byte[][]::new));
    }

    /** A PNG signature followed by zeros, of the given size: recognisably an image, too large to keep. */
    static byte[] bigPng(int size) {
        byte[] png = FuzzFixture.png();
        byte[] big = new byte[size];
        System.arraycopy(png, 0, big, 0, Math.min(png.length, size));
        return big;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] array : arrays) {
            out.writeBytes(array);
        }
        return out.toByteArray();
    }

    /** The UTF-8 bytes of the text as one char per byte, for a request head that goes out byte for byte. */
    static String latin1Of(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String shorten(String text) {
        String shown = text.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
        return shown.length() > 60 ? shown.substring(0, 60) + "…(" + text.length() + " chars)" : shown;
    }
}
