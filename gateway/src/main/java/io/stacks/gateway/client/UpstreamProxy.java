package io.stacks.gateway.client;

import io.stacks.gateway.config.GatewayConfig;
import io.stacks.gateway.config.UpstreamUrls;
import io.stacks.gateway.domain.Upstream;
import io.stacks.platform.problem.Problem;
import io.stacks.platform.problem.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.core.json.Json;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The reverse proxy to the services: request and response bodies stream through (nothing is held whole), hop-by-hop
 * headers are dropped by vertx-http-proxy, and a service that cannot be reached or stops answering becomes a 503
 * problem instead of a bare 502.
 */
@Singleton
public class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);
    /** Methods a client may repeat without changing the outcome (RFC 9110, 9.2.2). */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    private final Map<Upstream, HttpProxy> proxies = new ConcurrentHashMap<>();
    private final HttpClient client;
    private final UpstreamUrls urls;
    private final long connectTimeoutMillis;
    private final int retryAfterSeconds;

    UpstreamProxy(HttpClient client, UpstreamUrls urls, GatewayConfig config) {
        this.client = client;
        this.urls = urls;
        this.connectTimeoutMillis = config.connectTimeout().toMillis();
        this.retryAfterSeconds = config.retryAfterSeconds();
    }

    /** Hands the request to the service; the proxy writes the response. The request must not be read before. */
    public void forward(Upstream upstream, HttpServerRequest request) {
        proxies.computeIfAbsent(upstream, this::proxyTo).handle(request);
    }

    private HttpProxy proxyTo(Upstream upstream) {
        Origin origin = Origin.of(upstream, urls.of(upstream));
        RequestOptions options = new RequestOptions().setHost(origin.host).setPort(origin.port).setSsl(origin.ssl)
                .setConnectTimeout(connectTimeoutMillis);
        return HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .originRequestProvider((request, httpClient) -> httpClient.request(options))
                .addInterceptor(new Forwarding(origin));
    }

    private record Origin(Upstream upstream, String host, int port, boolean ssl, String basePath) {

        static Origin of(Upstream upstream, URI url) {
            boolean ssl = "https".equalsIgnoreCase(url.getScheme());
            int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            return new Origin(upstream, url.getHost(), port, ssl, path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }
    }

    /** Rewrites each proxied request for its service and turns transport failures into 503 problems. */
    private final class Forwarding implements ProxyInterceptor {

        private final Origin origin;

        Forwarding(Origin origin) {
            this.origin = origin;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            HttpServerRequest incoming = request.proxiedRequest();
            // The same normalisation the router matched on, so a dot segment cannot reach a path that is not routed.
            String query = incoming.query();
            request.setURI(origin.basePath + HttpUtils.normalizePath(incoming.path())
                    + (query == null ? "" : "?" + query));
            // The service sees its own host; the public one travels in X-Forwarded-Host.
            request.setAuthority(HostAndPort.create(origin.host, origin.port));
            ForwardedHeaders.add(request.headers(), incoming);
            // The gateway answered any 100-continue itself; the body follows at once.
            request.headers().remove("Expect");
            return context.sendRequest().recover(failure -> {
                if (resendable(incoming, failure)) {
                    // A kept-alive connection the service closed as it was reused: nothing was answered, and a
                    // request with no body whose method may be repeated goes once more, on a new connection.
                    request.setBody(Body.body(Buffer.buffer()));
                    return context.sendRequest().recover(again -> unavailable(request, incoming, again));
                }
                return unavailable(request, incoming, failure);
            });
        }

        private static boolean resendable(HttpServerRequest incoming, Throwable failure) {
            String length = incoming.getHeader("Content-Length");
            return failure instanceof HttpClosedException && IDEMPOTENT.contains(incoming.method())
                    && (length == null || length.equals("0")) && incoming.getHeader("Transfer-Encoding") == null;
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            // The gateway already set these on the response; the service's copies would be duplicates.
            MultiMap headers = context.response().headers();
            headers.remove(RequestIds.HEADER);
            headers.names().stream().filter(name -> name.regionMatches(true, 0, "Access-Control-", 0, 15)).toList()
                    .forEach(headers::remove);
            return context.sendResponse();
        }

        private Future<ProxyResponse> unavailable(ProxyRequest request, HttpServerRequest incoming, Throwable failure) {
            LOG.warnf("%s did not answer %s %s: %s", origin.upstream.serviceName(), incoming.method(),
                    incoming.path(), failure.toString());
            Problem problem = new Problem("about:blank", "Service Unavailable", 503,
                    origin.upstream.serviceName() + " is not available; try again shortly", incoming.path(),
                    incoming.getHeader(RequestIds.HEADER), null);
            return Future.succeededFuture(request.release().response()
                    .setStatusCode(503)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", Integer.toString(retryAfterSeconds))
                    .setBody(Body.body(Buffer.buffer(Json.encode(problem)))));
        }
    }
}
