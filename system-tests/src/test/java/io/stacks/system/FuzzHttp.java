package io.stacks.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One HTTP/1.1 exchange over a plain socket: the bytes of a {@link FuzzRequest} go out exactly as built (bad
 * percent-encoding, NUL bytes, wrong lengths, no Content-Type), which no HTTP client library would send.
 * Every exchange has a connection of its own ({@code Connection: close}), so a server that gives up on one request
 * cannot take the next one with it.
 */
final class FuzzHttp {

    /** Generous: this 2-core machine runs nine JVMs and the fuzzer at once. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** How long to wait for "100 Continue" before sending the body anyway, as curl does. */
    private static final int CONTINUE_WAIT_MILLIS = 1500;
    private static final int MAX_BODY = 256 * 1024;
    private static final int SLICE = 64 * 1024;

    /** Writes bodies while the caller reads, so a server that answers early and stops reading cannot block us. */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fuzz-body-writer");
        thread.setDaemon(true);
        return thread;
    });

    private FuzzHttp() {
    }

    /** What came back; {@code status} is -1 when no HTTP response arrived at all. */
    record Response(int status, Map<String, List<String>> headers, byte[] body, String error, long millis) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean answered() {
            return status > 0;
        }
    }

    static Response exchange(FuzzRequest request) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(request.target().host(), request.target().port()), 10_000);
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String writeError = null;
            try {
                out.write(request.head());
                out.flush();
            } catch (IOException e) {
                writeError = "the server closed the connection while the request head was sent (" + e.getMessage()
                        + ")";
            }
            Future<?> writing = null;
            byte[] payload = request.payload();
            if (writeError == null && payload.length > 0) {
                if (request.expectContinue()) {
                    Head interim = awaitContinue(socket, in);
                    if (interim != null && interim.status != 100) {
                        // A final answer before the body: the body must not be sent at all.
                        return finish(request, interim, in, started, null);
                    }
                }
                writing = WRITERS.submit(() -> {
                    for (int offset = 0; offset < payload.length; offset += SLICE) {
                        out.write(payload, offset, Math.min(SLICE, payload.length - offset));
                    }
                    out.flush();
                    if (request.halfClose()) {
                        socket.shutdownOutput();
                    }
                    return null;
                });
            } else if (writeError == null && request.halfClose()) {
                socket.shutdownOutput();
            }
            Head head;
            try {
                head = readFinalHead(in);
            } catch (SocketTimeoutException e) {
                return new Response(-1, Map.of(), new byte[0], "no answer within " + READ_TIMEOUT.toSeconds() + " s",
                        millisSince(started));
            }
            if (head == null) {
                String error = writeError != null ? writeError : "the connection was closed without an HTTP answer";
                if (writing != null && writing.isDone()) {
                    try {
                        writing.get();
                    } catch (Exception e) {
                        error += " (body: " + rootMessage(e) + ")";
                    }
                }
                return new Response(-1, Map.of(), new byte[0], error, millisSince(started));
            }
            return finish(request, head, in, started, writeError);
        } catch (IOException e) {
            return new Response(-1, Map.of(), new byte[0], e.getClass().getSimpleName() + ": " + e.getMessage(),
                    millisSince(started));
        }
    }

    private static Response finish(FuzzRequest request, Head head, InputStream in, long started, String error) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String bodyError = null;
        try {
            readBody(request, head, in, body);
        } catch (IOException e) {
            bodyError = "the body was cut off: " + e.getMessage();
        }
        return new Response(head.status, head.headers, body.toByteArray(), bodyError != null ? bodyError : error,
                millisSince(started));
    }

    private static Head awaitContinue(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(CONTINUE_WAIT_MILLIS);
        try {
            return readHead(in);
        } catch (SocketTimeoutException e) {
            return null; // no interim answer: send the body, as clients do after a short wait
        } finally {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
    }

    private record Head(int status, Map<String, List<String>> headers) {
    }

    /** The first non-1xx head, or null when the connection closed first. */
    private static Head readFinalHead(InputStream in) throws IOException {
        while (true) {
            Head head = readHead(in);
            if (head == null || head.status < 100 || head.status >= 200) {
                return head;
            }
        }
    }

    private static Head readHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        while (statusLine != null && statusLine.isEmpty()) {
            statusLine = readLine(in); // stray CRLF between an interim and the final answer
        }
        if (statusLine == null) {
            return null;
        }
        int status = -1;
        String[] parts = statusLine.split(" ", 3);
        if (parts.length >= 2 && parts[0].startsWith("HTTP/")) {
            try {
                status = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                status = -1;
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        if (status < 0) {
            headers.put("x-fuzz-status-line", List.of(statusLine));
        }
        return new Head(status, headers);
    }

    private static void readBody(FuzzRequest request, Head head, InputStream in, ByteArrayOutputStream body)
            throws IOException {
        if ("HEAD".equals(request.method()) || head.status == 204 || head.status == 304) {
            return;
        }
        String encoding = first(head.headers, "transfer-encoding");
        String length = first(head.headers, "content-length");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (body.size() < MAX_BODY) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    return;
                }
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
                if (size == 0) {
                    return;
                }
                copy(in, body, size);
                readLine(in);
            }
        } else if (length != null) {
            copy(in, body, (int) Math.min(Long.parseLong(length.trim()), MAX_BODY));
        } else {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0 && body.size() < MAX_BODY; n = in.read(buffer)) {
                body.write(buffer, 0, n);
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, int count) throws IOException {
        byte[] buffer = new byte[8192];
        int left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("end of stream after " + (count - left) + " of " + count + " bytes");
            }
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    /** A line ending in LF (a preceding CR dropped), or null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
