package io.stacks.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stacks.platform.web.StrictJson;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonErrorsTest {

    /** What a client must never read: the parser's settings, classes and packages. */
    private static final Pattern INTERNALS = Pattern.compile(
            "JsonReadFeature|StreamReadFeature|StreamReadConstraints|fasterxml|jackson|Exception|\\bjava\\.",
            Pattern.CASE_INSENSITIVE);

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private String detailFor(String body) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> json.readValue(body, JsonNode.class));
        String detail = JsonErrors.detail(e);
        assertFalse(INTERNALS.matcher(detail).find(), detail);
        return detail;
    }

    @Test
    void namesAFieldGivenTwice() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> json.readValue("{\"username\":\"a\",\"password\":\"b\",\"username\":\"c\"}", JsonNode.class));
        Problem problem = JsonErrors.duplicateField(e).orElseThrow();
        assertEquals(400, problem.status());
        assertEquals(Map.of("username", "appears more than once"), problem.errors());
    }

    @Test
    void findsNoDuplicateInOtherErrors() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> json.readValue("{\"a\":", JsonNode.class));
        assertTrue(JsonErrors.duplicateField(e).isEmpty());
    }

    @Test
    void tellsWhereATruncatedBodyEnds() {
        String detail = detailFor("{\"title\":\"a\",\"auth");
        assertTrue(detail.startsWith("the request body ends before its JSON value does (line 1, column"), detail);
    }

    @Test
    void tellsThatNaNIsNoJsonNumber() {
        String detail = detailFor("{\"quantity\":NaN}");
        assertTrue(detail.contains("NaN or Infinity") && detail.contains("line 1"), detail);
    }

    @Test
    void tellsTheLimitOfNesting() {
        String detail = detailFor("[".repeat(3000) + "]".repeat(3000));
        assertTrue(detail.contains("nested deeper than 1000 levels"), detail);
    }

    @Test
    void tellsWhereASyntaxErrorIs() {
        String detail = detailFor("{\"title\" \"a\"}");
        assertTrue(detail.startsWith("the request body is not valid JSON (line 1, column"), detail);
    }

    @Test
    void asksForOneValueWhenASecondFollows() {
        String detail = detailFor("{\"a\":1} {\"b\":2}");
        assertEquals("the request body holds more than one JSON value; send exactly one", detail);
    }
}
