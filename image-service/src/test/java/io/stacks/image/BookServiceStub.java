package io.stacks.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for book-service at the HTTP boundary: serves GET /book/{id} for the books a test registers, 404
 * otherwise, and can fail (500), hang (answer nothing until it is told otherwise) or go away entirely, and recover.
 * It counts the requests it gets. Tests drive it over a control server of its own ({@link BookStub}), since the
 * test and this resource need not share a class loader.
 */
public class BookServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String CONTROL_URL = "book-stub.control-url";

    private final Map<String, String> books = new ConcurrentHashMap<>();
    private final Map<String, String> authorizationSeen = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** Hung requests each hold a thread, so that the stub still answers others (and the control server). */
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "book-service-stub");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;
    private volatile boolean hanging;
    private volatile HttpServer bookService;
    private HttpServer control;
    private int port;

    @Override
    public Map<String, String> start() {
        try {
            bookService = startBookService(0);
            port = bookService.getAddress().getPort();
            control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            control.createContext("/", this::control);
            control.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.rest-client.book-service.url", "http://127.0.0.1:" + port,
                CONTROL_URL, "http://127.0.0.1:" + control.getAddress().getPort());
    }

    /** Started after the stand-ins (order 0), so this book-service URL replaces the devstack one. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public void stop() {
        if (bookService != null) {
            bookService.stop(0);
        }
        if (control != null) {
            control.stop(0);
        }
        threads.shutdownNow();
    }

    private HttpServer startBookService(int onPort) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        server.createContext("/book/", this::book);
        server.setExecutor(threads);
        server.start();
        return server;
    }

    private void book(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/book/".length());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizationSeen.put(id, authorization == null ? "" : authorization);
        requests.incrementAndGet();
        awaitNotHanging();
        if (failing) {
            respond(exchange, 500, "application/problem+json", "{\"status\":500,\"title\":\"Internal Server Error\"}");
        } else if (!"GET".equals(exchange.getRequestMethod()) || authorization == null
                || !authorization.startsWith("Bearer ")) {
            respond(exchange, 401, "application/problem+json", "{\"status\":401,\"title\":\"Unauthorized\"}");
        } else if (books.containsKey(id)) {
            respond(exchange, 200, "application/json", books.get(id));
        } else {
            respond(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not Found\"}");
        }
    }

    /** A hung request is answered once the stub stops hanging, or dropped after a while. */
    private void awaitNotHanging() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hanging && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** PUT /books/{id}?createdById=&createdBy=, GET /seen/{id}, GET /requests, PUT /mode/{up|failing|hanging|down}. */
    private void control(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        switch (path[1]) {
            case "books" -> {
                Map<String, String> query = query(exchange.getRequestURI());
                books.put(path[2], bookJson(path[2], query.get("createdById"), query.get("createdBy")));
                respond(exchange, 204, null, null);
            }
            case "seen" -> {
                String seen = authorizationSeen.get(path[2]);
                respond(exchange, seen == null ? 404 : 200, "text/plain", seen == null ? "" : seen);
            }
            case "requests" -> respond(exchange, 200, "text/plain", Integer.toString(requests.get()));
            case "mode" -> {
                setMode(path[2]);
                respond(exchange, 204, null, null);
            }
            default -> respond(exchange, 404, "text/plain", "");
        }
    }

    private synchronized void setMode(String mode) throws IOException {
        failing = "failing".equals(mode);
        hanging = "hanging".equals(mode);
        if ("down".equals(mode) && bookService != null) {
            bookService.stop(0);
            bookService = null;
        } else if (!"down".equals(mode) && bookService == null) {
            bookService = startBookService(port);
        }
    }

    private static String bookJson(String id, String createdById, String createdBy) {
        return "{\"id\":\"" + id + "\",\"title\":\"Dune\",\"author\":\"Frank Herbert\",\"isbn\":\"9780441172719\","
                + "\"quantity\":3,\"createdAt\":\"2024-05-01T10:15:30.123456Z\",\"createdBy\":\"" + createdBy
                + "\",\"createdById\":\"" + createdById + "\"}";
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new ConcurrentHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
