package io.stacks.platform.api;

import io.stacks.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of a list: {@code page} (from 0) and {@code size} query parameters in, the total in
 * {@code X-Total-Count} and the neighbouring pages in {@code Link} out. Lists stay plain JSON arrays.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /** Parses the raw query parameters, so that a non-number is a 400 naming the parameter, not a 404. */
    public static Paging of(String page, String size) {
        int pageSize = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        // The first item of the page must be countable: page × size stays within what a database offset takes.
        int pageNumber = parse("page", page, 0, 0, Integer.MAX_VALUE / pageSize);
        return new Paging(pageNumber, pageSize);
    }

    /** The page as a response, its links on the public address of the requested path and query. */
    public Response ok(Object items, long total, PublicUrl publicUrl, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(items).header("X-Total-Count", total);
        String self = publicUrl.of(uri.getRequestUri().getRawPath());
        String query = uri.getRequestUri().getRawQuery();
        List<String> links = new ArrayList<>();
        if (page > 0) {
            links.add(link(self, query, Math.min(page - 1, lastPage(total)), "prev"));
        }
        if (((long) page + 1) * size < total) {
            links.add(link(self, query, page + 1, "next"));
        }
        if (!links.isEmpty()) {
            response.header("Link", String.join(", ", links));
        }
        return response.build();
    }

    private int lastPage(long total) {
        return (int) Math.max(0, (total - 1) / size);
    }

    private String link(String self, String query, int target, String rel) {
        // The request's other parameters stay; size and page follow in that order, whatever the request's order.
        StringBuilder link = new StringBuilder("<").append(self).append('?');
        if (query != null) {
            for (String parameter : query.split("&")) {
                String name = parameter.split("=", 2)[0];
                if (!parameter.isEmpty() && !name.equals("page") && !name.equals("size")) {
                    link.append(parameter).append('&');
                }
            }
        }
        return link.append("size=").append(size).append("&page=").append(target).append(">; rel=\"").append(rel)
                .append('"').toString();
    }

    private static int parse(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw ProblemException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }
}
