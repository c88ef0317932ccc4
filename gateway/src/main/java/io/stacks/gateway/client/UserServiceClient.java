package io.stacks.gateway.client;

import io.stacks.gateway.config.GatewayConfig;
import io.stacks.gateway.config.UpstreamUrls;
import io.stacks.gateway.domain.Upstream;
import io.stacks.platform.problem.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import jakarta.inject.Singleton;
import java.util.List;

/** The two user-service calls the gateway makes itself; the caller decides what each status means. */
@Singleton
public class UserServiceClient {

    private static final List<String> PASSED_ON = List.of("Content-Type", "Accept", "Accept-Language",
            RequestIds.HEADER);

    private final WebClient web;
    private final String baseUrl;
    private final long timeoutMillis;

    UserServiceClient(WebClient web, UpstreamUrls urls, GatewayConfig config) {
        this.web = web;
        this.baseUrl = urls.of(Upstream.USER_SERVICE).toString();
        this.timeoutMillis = config.userServiceTimeout().toMillis();
    }

    /** POST /auth/token {"username","password"}: 200 {"access_token","expires_in"} or a problem. */
    public Future<HttpResponse<Buffer>> issueToken(String username, String password, String requestId) {
        return web.requestAbs(HttpMethod.POST, baseUrl + "/auth/token")
                .timeout(timeoutMillis)
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader("Accept", "application/json")
                .sendJsonObject(new JsonObject().put("username", username).put("password", password));
    }

    /** POST /reset/confirm with the caller's body and content headers, as they came. */
    public Future<HttpResponse<Buffer>> confirmReset(HttpServerRequest incoming, Buffer body) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : PASSED_ON) {
            String value = incoming.getHeader(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        ForwardedHeaders.add(headers, incoming);
        return web.requestAbs(HttpMethod.POST, baseUrl + "/reset/confirm")
                .timeout(timeoutMillis)
                .putHeaders(headers)
                .sendBuffer(body);
    }
}
