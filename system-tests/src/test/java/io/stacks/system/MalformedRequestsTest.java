package io.stacks.system;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.stacks.system.FuzzApi.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One behaviour per test for each known class of malformed input, over every endpoint it applies to (read from the
 * OpenAPI documents), through the gateway and directly at the services: the answer is a clear 4xx problem with an
 * X-Request-Id, never a 5xx, never an empty body, never a detail that names internals.
 */
@ExtendWith(RunningStack.class)
class MalformedRequestsTest {

    private static FuzzFixture fixture;
    private static FuzzCases cases;

    @BeforeAll
    static void signIn() {
        fixture = FuzzFixture.get();
        cases = new FuzzCases(fixture);
    }

    // 1
    @Test
    void rejectsRepeatedJsonKeyOnEveryJsonEndpoint() {
        check("repeated JSON key", cases.over(Operation::json, cases::repeatedKeys));
    }

    // 2
    @Test
    void pagingOverflowIsNeverAServerError() {
        check("paging overflow", cases.over(Operation::paged, cases::pagingOverflow));
    }

    // 3
    @Test
    void malformedMultipartIsA4xxProblem() {
        check("malformed multipart", cases.over(Operation::multipart, cases::malformedMultipart));
    }

    // 4
    @Test
    void oversizedUploadWithoutExpectContinueIs413Problem() {
        check("7 MiB upload without Expect", cases.oversizedUploads(false));
    }

    @Test
    void oversizedUploadWithExpectContinueIs413Problem() {
        check("7 MiB upload with Expect: 100-continue", cases.oversizedUploads(true));
    }

    @Test
    void oversizedDeclaredLengthIs413Problem() {
        check("1 GiB declared", cases.over(Operation::hasBody, cases::oversizedDeclared));
    }

    // 5
    @Test
    void chunkedBodyOverTheLimitIs413Problem() {
        check("chunked over the limit", cases.chunkedOversized());
    }

    // 6
    @Test
    void malformedPercentEncodingIs400ProblemWithRequestId() {
        check("malformed percent-encoding", perTarget(cases::percentEncoding));
    }

    // 7: refused by the HTTP codec before any application code, with the right status but an empty body;
    // Quarkus 3.31 has no hook for that answer (README: the error contract's known gap). Kept to show the gap.
    @Test
    @Disabled("known gap: the HTTP codec answers status-only; see README, the error contract")
    void requestLineOver4KbIs414Problem() {
        check("request line over 4 KB", perTarget(cases::requestLineTooLong));
    }

    @Test
    @Disabled("known gap: the HTTP codec answers status-only; see README, the error contract")
    void headersOver8KbAre431Problem() {
        check("headers over 8 KB", perTarget(cases::headersTooLarge));
    }

    @Test
    @Disabled("known gap: the HTTP codec answers status-only; see README, the error contract")
    void nulByteInHeaderIs400Problem() {
        check("NUL byte in a header", perTarget(cases::nulInHeader));
    }

    // 8
    @Test
    void nanAndInfinityAreRefusedWithoutNamingParserSettings() {
        check("NaN / Infinity", cases.over(Operation::json, cases::nonNumericNumbers));
    }

    @Test
    void truncatedJsonIsRefusedWithoutInternals() {
        check("truncated JSON", cases.over(Operation::json, cases::truncatedJson));
    }

    @Test
    void deepNestingIsRefusedWithoutNamingParserLimits() {
        check("2,000 levels of nesting", cases.over(Operation::json, cases::deepNesting));
    }

    @Test
    void hugeNumbersAreRefusedWithoutNamingParserLimits() {
        check("huge numbers", cases.over(Operation::json, cases::hugeNumbers));
    }

    // 9
    @Test
    void trailingSecondJsonDocumentIsRefused() {
        check("trailing JSON document", cases.over(Operation::json, cases::trailingDocuments));
    }

    @Test
    void fractionalNumberForAnIntegerIsRefused() {
        check("1.5 for an integer", cases.over(Operation::json, cases::fractionalIntegers));
    }

    @Test
    void numbersAndBooleansForStringsAreRefused() {
        check("42 / true for a string", cases.over(Operation::json, cases::scalarsForStrings));
    }

    @Test
    void jsonWithoutContentTypeIsRefused() {
        check("no Content-Type", cases.over(Operation::json, e -> cases.contentTypeCases(e, null)));
    }

    @Test
    void jsonWithWildcardContentTypeIsRefused() {
        check("Content-Type */*", cases.over(Operation::json, e -> cases.contentTypeCases(e, "*/*")));
    }

    @Test
    void jsonWithBogusCharsetIsRefused() {
        check("charset=bogus", cases.over(Operation::json,
                e -> cases.contentTypeCases(e, "application/json; charset=bogus")));
    }

    // Systematic classes with a behaviour of their own

    @Test
    void wrongMethodIs405Problem() {
        check("wrong method", cases.wrongMethods());
    }

    @Test
    void badAuthorizationIs401Problem() {
        check("bad Authorization", cases.over(o -> true, cases::badAuthorization));
    }

    @Test
    void internalEndpointsAnswerUserTokensAndStrangersWithAProblem() {
        check("internal endpoints, directly", cases.over(Operation::internal, cases::badAuthorization));
    }

    private static List<FuzzRequest> perTarget(Function<FuzzRequest.Target, List<FuzzRequest>> family) {
        List<FuzzRequest> requests = new ArrayList<>();
        fixture.targets.values().forEach(target -> requests.addAll(family.apply(target)));
        return requests;
    }

    private static void check(String title, List<FuzzRequest> requests) {
        assertFalse(requests.isEmpty(), "no endpoint to send '" + title + "' to: the OpenAPI documents changed?");
        FuzzReport report = FuzzRunner.run(title, requests);
        System.out.print(report.figures());
        report.assertNoFailures();
    }
}
