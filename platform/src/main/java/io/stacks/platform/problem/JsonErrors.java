package io.stacks.platform.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON body, in the client's terms: the field, the position, the limit. The parser's own
 * messages name its settings and classes, so they never reach a client.
 */
final class JsonErrors {

    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']{1,100})'");

    private JsonErrors() {
    }

    /** A field given twice, with its name; the parser reports it when the second one is read. */
    static Optional<Problem> duplicateField(JsonProcessingException e) {
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (!duplicate.find()) {
            return Optional.empty();
        }
        String field = duplicate.group(1);
        String message = "appears more than once";
        return Optional.of(Problem.of(400, "Bad Request", field + ": " + message).withErrors(Map.of(field, message)));
    }

    /** The detail for a body that is not one well-formed JSON value. */
    static String detail(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            return "the request body is nested deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH
                    + " levels or holds a value longer than this service reads";
        }
        if (e instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
            return "the request body ends before its JSON value does" + at(e.getLocation());
        }
        if (original.startsWith("Trailing token")) {
            return "the request body holds more than one JSON value; send exactly one";
        }
        if (original.contains("'NaN'") || original.contains("Infinity")) {
            return "the request body holds NaN or Infinity, which are not JSON numbers" + at(e.getLocation());
        }
        return "the request body is not valid JSON" + at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
