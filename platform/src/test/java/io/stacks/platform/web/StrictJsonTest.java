package io.stacks.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    public record Book(String title, int quantity, Integer copies, boolean available) {
    }

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void readsAWellFormedBody() throws Exception {
        assertEquals(new Book("Dune", 2, 3, true),
                json.readValue("{\"title\":\"Dune\",\"quantity\":2,\"copies\":3,\"available\":true}", Book.class));
    }

    @Test
    void refusesAKeyGivenTwice() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> json.readValue("{\"title\":\"a\",\"quantity\":1,\"title\":\"b\"}", Book.class));
        assertEquals("Duplicate field 'title'", e.getOriginalMessage());
    }

    @Test
    void refusesAKeyGivenTwiceAfterAllFieldsOfARecord() {
        assertThrows(JsonParseException.class, () -> json.readValue(
                "{\"title\":\"a\",\"quantity\":1,\"copies\":1,\"available\":true,\"title\":\"dup\"}", Book.class));
    }

    @Test
    void refusesASecondDocumentAfterTheFirst() {
        assertThrows(MismatchedInputException.class,
                () -> json.readValue("{\"title\":\"a\",\"quantity\":1} {\"title\":\"b\"}", Book.class));
    }

    @Test
    void refusesAFractionForAWholeNumber() {
        assertThrows(InvalidFormatException.class, () -> json.readValue("{\"quantity\":1.5}", Book.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"copies\":1.5}", Book.class));
    }

    @Test
    void refusesANumberOrBooleanForText() {
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"title\":42}", Book.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"title\":4.2}", Book.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"title\":true}", Book.class));
    }

    @Test
    void refusesTextForANumberOrBoolean() {
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"quantity\":\"2\"}", Book.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"copies\":\"\"}", Book.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"available\":\"true\"}", Book.class));
    }

    @Test
    void refusesNullForAPrimitive() {
        assertThrows(MismatchedInputException.class, () -> json.readValue("{\"quantity\":null}", Book.class));
    }
}
