package io.stacks.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stacks.platform.problem.ProblemException;
import io.stacks.platform.testing.RequestUri;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagingTest {

    private static final String PUBLIC = "https://stacks.example";
    private final PublicUrl publicUrl = new PublicUrl(() -> PUBLIC + "/");

    private Response ok(Paging paging, long total, String requestUri) {
        return paging.ok(List.of("a", "b"), total, publicUrl, RequestUri.of(requestUri));
    }

    private static void assertInvalid(String parameter, String page, String size) {
        ProblemException e = assertThrows(ProblemException.class, () -> Paging.of(page, size));
        assertEquals(400, e.status());
        assertTrue(e.toProblem().errors().containsKey(parameter), e.toProblem().errors().toString());
        assertEquals(1, e.toProblem().errors().size());
    }

    // Parsing

    @Test
    void startsAtTheFirstPageOfTwentyWithoutParameters() {
        assertEquals(new Paging(0, 20), Paging.of(null, null));
    }

    @Test
    void takesBlankParametersAsAbsent() {
        assertEquals(new Paging(0, Paging.DEFAULT_SIZE), Paging.of("", "  "));
    }

    @Test
    void takesTheGivenPageAndSize() {
        assertEquals(new Paging(3, 50), Paging.of("3", "50"));
    }

    @Test
    void trimsWhitespaceAroundNumbers() {
        assertEquals(new Paging(2, 5), Paging.of(" 2 ", "\t5 "));
    }

    @Test
    void acceptsTheLargestSize() {
        assertEquals(new Paging(0, 100), Paging.of("0", "100"));
    }

    @Test
    void rejectsASizeOverTheMaximumNamingSize() {
        ProblemException e = assertThrows(ProblemException.class, () -> Paging.of("0", "101"));
        assertEquals(400, e.status());
        assertEquals(Map.of("size", "must be a whole number from 1 to 100"), e.toProblem().errors());
    }

    @Test
    void rejectsASizeOfZero() {
        assertInvalid("size", "0", "0");
    }

    @Test
    void rejectsANegativeSize() {
        assertInvalid("size", null, "-5");
    }

    @Test
    void rejectsANonNumericSize() {
        assertInvalid("size", null, "ten");
    }

    @Test
    void rejectsAFractionalSize() {
        assertInvalid("size", null, "2.5");
    }

    @Test
    void rejectsANegativePageNamingPage() {
        ProblemException e = assertThrows(ProblemException.class, () -> Paging.of("-1", null));
        assertEquals(Map.of("page", "must be a whole number from 0 to " + Integer.MAX_VALUE / 20),
                e.toProblem().errors());
    }

    @Test
    void rejectsANonNumericPage() {
        assertInvalid("page", "first", "10");
    }

    @Test
    void rejectsAPageBeyondTheIntegerRange() {
        assertInvalid("page", "99999999999", null);
    }

    @Test
    void rejectsAPageWhoseFirstItemWouldOverflowAnOffset() {
        assertInvalid("page", "2147483647", null);
        assertInvalid("page", "21474837", "100");
    }

    @Test
    void acceptsTheLastPageWhoseFirstItemHasAnOffset() {
        assertEquals(new Paging(Integer.MAX_VALUE / 100, 100), Paging.of(Integer.toString(Integer.MAX_VALUE / 100),
                "100"));
    }

    // The response

    @Test
    void answersWithTheItemsAndTheTotal() {
        List<String> items = List.of("a", "b");
        Response response = new Paging(0, 2).ok(items, 57, publicUrl, RequestUri.of("http://svc/book"));
        assertEquals(200, response.getStatus());
        assertSame(items, response.getEntity());
        assertEquals("57", response.getHeaderString("X-Total-Count"));
    }

    @Test
    void linksBothNeighboursOnThePublicUrlKeepingOtherParameters() {
        Response response = ok(new Paging(1, 2), 5, "http://svc:8080/book?q=x&page=1&size=2");
        assertEquals("<https://stacks.example/book?q=x&size=2&page=0>; rel=\"prev\", "
                + "<https://stacks.example/book?q=x&size=2&page=2>; rel=\"next\"", response.getHeaderString("Link"));
    }

    @Test
    void putsSizeThenPageLastWhateverTheRequestOrder() {
        Response response = ok(new Paging(0, 2), 5, "http://svc/book?size=2&page=0&q=x&sort=title");
        assertEquals("<https://stacks.example/book?q=x&sort=title&size=2&page=1>; rel=\"next\"",
                response.getHeaderString("Link"));
    }

    @Test
    void addsSizeAndPageWhenTheRequestHadNoQuery() {
        Response response = ok(new Paging(0, 20), 21, "http://svc/book");
        assertEquals("<https://stacks.example/book?size=20&page=1>; rel=\"next\"", response.getHeaderString("Link"));
    }

    @Test
    void keepsOtherParametersEncodedAsTheyCame() {
        Response response = ok(new Paging(0, 2), 5, "http://svc/book?q=war%20%26%20peace&page=0");
        assertEquals("<https://stacks.example/book?q=war%20%26%20peace&size=2&page=1>; rel=\"next\"",
                response.getHeaderString("Link"));
    }

    @Test
    void keepsParametersWhoseNamesMerelyStartWithPageOrSize() {
        Response response = ok(new Paging(0, 2), 5, "http://svc/book?pageant=1&sizes=m&page=0");
        assertEquals("<https://stacks.example/book?pageant=1&sizes=m&size=2&page=1>; rel=\"next\"",
                response.getHeaderString("Link"));
    }

    @Test
    void hasNoNextLinkOnTheLastPage() {
        Response response = ok(new Paging(2, 2), 5, "http://svc/book?page=2&size=2");
        assertEquals("<https://stacks.example/book?size=2&page=1>; rel=\"prev\"", response.getHeaderString("Link"));
    }

    @Test
    void hasNoNextLinkWhenTheLastPageIsExactlyFull() {
        Response response = ok(new Paging(1, 2), 4, "http://svc/book?page=1&size=2");
        assertFalse(response.getHeaderString("Link").contains("next"));
    }

    @Test
    void hasNoPrevLinkOnTheFirstPage() {
        Response response = ok(new Paging(0, 2), 5, "http://svc/book");
        assertFalse(response.getHeaderString("Link").contains("prev"));
    }

    @Test
    void hasNoLinkWhenEverythingFitsOnOnePage() {
        Response response = ok(new Paging(0, 20), 20, "http://svc/book");
        assertNull(response.getHeaderString("Link"));
        assertEquals("20", response.getHeaderString("X-Total-Count"));
    }

    @Test
    void pointsPrevAtTheLastPageWhenThePageIsBeyondTheEnd() {
        Response response = ok(new Paging(10, 2), 5, "http://svc/book?page=10&size=2");
        assertEquals("<https://stacks.example/book?size=2&page=2>; rel=\"prev\"", response.getHeaderString("Link"));
    }

    @Test
    void pointsPrevAtTheFirstPageWhenThereIsNothing() {
        Response response = ok(new Paging(3, 2), 0, "http://svc/book?page=3&size=2");
        assertEquals("<https://stacks.example/book?size=2&page=0>; rel=\"prev\"", response.getHeaderString("Link"));
    }

    @Test
    void pointsPrevAtTheFirstPageWhenThereIsNothingAndPagesHoldOneItem() {
        Response response = ok(new Paging(3, 1), 0, "http://svc/book?page=3&size=1");
        assertEquals("<https://stacks.example/book?size=1&page=0>; rel=\"prev\"", response.getHeaderString("Link"));
    }
}
