package io.stacks.gateway.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service serves a public path. Anything not listed (notably /internal/** and the services' /q/**) is
 * never routed. The first match wins, so /book/{id}/image goes to image-service before /book/** to book-service.
 */
public final class Routes {

    private record Route(Pattern path, Upstream upstream) {
    }

    private static final List<Route> ROUTES = List.of(
            route("/book/[^/]+/image(/.*)?", Upstream.IMAGE_SERVICE),
            route("/image(/.*)?", Upstream.IMAGE_SERVICE),
            route("/(book|shelf|loan)(/.*)?", Upstream.BOOK_SERVICE),
            route("/(user|auth|reset)(/.*)?", Upstream.USER_SERVICE),
            route("/\\.well-known/jwks\\.json", Upstream.USER_SERVICE));

    private Routes() {
    }

    /** @param normalizedPath the request path with dot segments resolved */
    public static Optional<Upstream> upstreamFor(String normalizedPath) {
        return ROUTES.stream().filter(route -> route.path.matcher(normalizedPath).matches()).findFirst()
                .map(Route::upstream);
    }

    private static Route route(String regex, Upstream upstream) {
        return new Route(Pattern.compile(regex), upstream);
    }
}
