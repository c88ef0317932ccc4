package io.stacks.book;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** image-service at the HTTP boundary: records which books' images were deleted, and can be made to fail. */
public class ImageServiceStub implements QuarkusTestResourceLifecycleManager {

    static final List<String> DELETED = new CopyOnWriteArrayList<>();
    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    static volatile int status = 204;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/book/", exchange -> {
            if (status < 300) {
                DELETED.add(exchange.getRequestURI().getPath());
                AUTHORIZATIONS.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of("quarkus.rest-client.image-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts after the stand-ins so that its image-service URL is the one the service gets. */
    @Override
    public int order() {
        return 1;
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
