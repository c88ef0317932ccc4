package io.stacks.system;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * One malformed request of the fuzz suite, down to its bytes, with the answer it may get. Whatever the answer, the
 * contract checks ({@link FuzzContract}) hold; {@link #expected} narrows the statuses further where the input must be
 * refused.
 */
final class FuzzRequest {

    /** Where a request goes: the gateway or one service, called directly. */
    record Target(String name, String host, int port) {

        static Target of(String name, String url) {
            URI uri = URI.create(url);
            return new Target(name, uri.getHost(), uri.getPort());
        }

        boolean gateway() {
            return "gateway".equals(name);
        }

        String base() {
            return "http://" + host + ":" + port;
        }
    }

    /** Which statuses the answer may have, besides the contract every answer must meet. */
    record Expected(String description, IntPredicate allows) {

        static final Expected ANY = new Expected("any status", status -> true);
        static final Expected ANY_4XX = new Expected("a 4xx", status -> status >= 400 && status < 500);

        static Expected oneOf(int... statuses) {
            Set<Integer> allowed = new TreeSet<>();
            Arrays.stream(statuses).forEach(allowed::add);
            return new Expected(allowed.size() == 1 ? String.valueOf(allowed.iterator().next())
                    : "one of " + allowed, allowed::contains);
        }
    }

    private final String fuzzClass;
    private final Target target;
    private final String method;
    private final String uri;
    private final String sent;
    private final byte[] head;
    private final byte[] payload;
    private final boolean expectContinue;
    private final boolean halfClose;
    private final Expected expected;
    private final boolean noAnswerTolerated;

    private FuzzRequest(Builder builder, byte[] head, byte[] payload) {
        this.fuzzClass = builder.fuzzClass;
        this.target = builder.target;
        this.method = builder.method;
        this.uri = builder.uri;
        this.sent = builder.sent;
        this.head = head;
        this.payload = payload;
        this.expectContinue = builder.expectContinue;
        this.halfClose = builder.halfClose;
        this.expected = builder.expected;
        this.noAnswerTolerated = builder.noAnswerTolerated;
    }

    static Builder to(Target target, String method, String uri) {
        return new Builder(target, method, uri);
    }

    String fuzzClass() {
        return fuzzClass;
    }

    Target target() {
        return target;
    }

    String method() {
        return method;
    }

    String uri() {
        return uri;
    }

    /** What was sent, in short, for a failure report. */
    String sent() {
        return sent;
    }

    byte[] head() {
        return head;
    }

    byte[] payload() {
        return payload;
    }

    boolean expectContinue() {
        return expectContinue;
    }

    boolean halfClose() {
        return halfClose;
    }

    Expected expected() {
        return expected;
    }

    boolean noAnswerTolerated() {
        return noAnswerTolerated;
    }

    FuzzHttp.Response send() {
        return FuzzHttp.exchange(this);
    }

    @Override
    public String toString() {
        String shownUri = uri.length() > 160 ? uri.substring(0, 160) + "…(" + uri.length() + " chars)" : uri;
        return method + " " + target.name() + " " + target.base() + shownUri;
    }

    static final class Builder {

        private final Target target;
        private final String method;
        private final String uri;
        private String fuzzClass = "unclassified";
        private String sent = "";
        private String version = "HTTP/1.1";
        private final List<String> headerLines = new ArrayList<>();
        private String contentType;
        private byte[] body;
        private boolean chunked;
        private Long declaredLength;
        private boolean rawLength;
        private String rawLengthValue;
        private boolean expectContinue;
        private boolean halfClose;
        private boolean host = true;
        private byte[] rawHead;
        private Expected expected = Expected.ANY;
        private boolean noAnswerTolerated;

        private Builder(Target target, String method, String uri) {
            this.target = target;
            this.method = method;
            this.uri = uri;
        }

        Builder fuzzClass(String name) {
            this.fuzzClass = name;
            return this;
        }

        /** What is wrong with the request, in a few words, for the report. */
        Builder sent(String description) {
            this.sent = description;
            return this;
        }

        Builder version(String httpVersion) {
            this.version = httpVersion;
            return this;
        }

        Builder header(String name, String value) {
            headerLines.add(name + ": " + value);
            return this;
        }

        /** A header line exactly as given, malformed or not. */
        Builder headerLine(String line) {
            headerLines.add(line);
            return this;
        }

        Builder authorization(String value) {
            return value == null ? this : header("Authorization", value);
        }

        Builder contentType(String value) {
            this.contentType = value;
            return this;
        }

        Builder json(String json) {
            return contentType("application/json").body(json);
        }

        Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        Builder body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        /** Sends the body as chunks (no Content-Length). */
        Builder chunked() {
            this.chunked = true;
            return this;
        }

        /** Content-Length says this, whatever the body is. */
        Builder declaredLength(long length) {
            this.declaredLength = length;
            return this;
        }

        /** Content-Length exactly as given (malformed or not), or none at all when null. */
        Builder contentLength(String raw) {
            this.rawLength = true;
            this.rawLengthValue = raw;
            return this;
        }

        Builder expectContinue() {
            this.expectContinue = true;
            return this;
        }

        /** Closes the sending side after the body: a body shorter than declared ends there. */
        Builder halfClose() {
            this.halfClose = true;
            return this;
        }

        Builder withoutHost() {
            this.host = false;
            return this;
        }

        /** The whole request head as given (request line, headers, empty line); nothing is added. */
        Builder rawHead(String head) {
            this.rawHead = head.getBytes(StandardCharsets.ISO_8859_1);
            return this;
        }

        Builder expect(Expected statuses) {
            this.expected = statuses;
            return this;
        }

        Builder expect(int... statuses) {
            return expect(Expected.oneOf(statuses));
        }

        /** For a body cut short by the client: a server cannot answer a request it never got whole. */
        Builder noAnswerTolerated() {
            this.noAnswerTolerated = true;
            return this;
        }

        FuzzRequest build() {
            byte[] payload = body == null ? new byte[0] : chunked ? chunks(body) : body;
            if (rawHead != null) {
                return new FuzzRequest(this, rawHead, payload);
            }
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(uri).append(' ').append(version).append("\r\n");
            if (host) {
                head.append("Host: ").append(target.host()).append(':').append(target.port()).append("\r\n");
            }
            for (String line : headerLines) {
                head.append(line).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (expectContinue) {
                head.append("Expect: 100-continue\r\n");
            }
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            if (rawLength) {
                if (rawLengthValue != null) {
                    head.append("Content-Length: ").append(rawLengthValue).append("\r\n");
                }
            } else if (declaredLength != null) {
                head.append("Content-Length: ").append(declaredLength).append("\r\n");
            } else if (body != null && !chunked) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            // ISO-8859-1 keeps every char below 256 as one byte: NULs and control characters go out as they are.
            return new FuzzRequest(this, head.toString().getBytes(StandardCharsets.ISO_8859_1), payload);
        }

        private static byte[] chunks(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 1000 + 64);
            int size = 8192;
            for (int offset = 0; offset < body.length; offset += size) {
                int n = Math.min(size, body.length - offset);
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, offset, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }
    }
}
