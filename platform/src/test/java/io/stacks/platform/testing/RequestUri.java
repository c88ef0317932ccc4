package io.stacks.platform.testing;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/** A {@link UriInfo} that knows only the request URI, which is all platform reads. */
public final class RequestUri implements UriInfo {

    private final URI requestUri;

    private RequestUri(URI requestUri) {
        this.requestUri = requestUri;
    }

    public static UriInfo of(String uri) {
        return new RequestUri(URI.create(uri));
    }

    @Override
    public URI getRequestUri() {
        return requestUri;
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by platform");
    }

    @Override
    public String getPath() {
        throw unused();
    }

    @Override
    public String getPath(boolean decode) {
        throw unused();
    }

    @Override
    public List<PathSegment> getPathSegments() {
        throw unused();
    }

    @Override
    public List<PathSegment> getPathSegments(boolean decode) {
        throw unused();
    }

    @Override
    public UriBuilder getRequestUriBuilder() {
        throw unused();
    }

    @Override
    public URI getAbsolutePath() {
        throw unused();
    }

    @Override
    public UriBuilder getAbsolutePathBuilder() {
        throw unused();
    }

    @Override
    public URI getBaseUri() {
        throw unused();
    }

    @Override
    public UriBuilder getBaseUriBuilder() {
        throw unused();
    }

    @Override
    public MultivaluedMap<String, String> getPathParameters() {
        throw unused();
    }

    @Override
    public MultivaluedMap<String, String> getPathParameters(boolean decode) {
        throw unused();
    }

    @Override
    public MultivaluedMap<String, String> getQueryParameters() {
        throw unused();
    }

    @Override
    public MultivaluedMap<String, String> getQueryParameters(boolean decode) {
        throw unused();
    }

    @Override
    public List<String> getMatchedURIs() {
        throw unused();
    }

    @Override
    public List<String> getMatchedURIs(boolean decode) {
        throw unused();
    }

    @Override
    public List<Object> getMatchedResources() {
        throw unused();
    }

    @Override
    public URI resolve(URI uri) {
        throw unused();
    }

    @Override
    public URI relativize(URI uri) {
        throw unused();
    }
}
