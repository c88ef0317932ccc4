package io.stacks.image;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static io.stacks.image.BookImageResourceTest.addedImage;
import static io.stacks.image.BookImageResourceTest.bookOf;
import static io.stacks.image.BookImageResourceTest.member;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.stacks.image.BookImageResourceTest.User;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upload bodies that are not well-formed multipart/form-data, sent byte for byte as a client might, and pages past
 * what can be counted: each is a 400 problem, and nothing is stored or replaced. (The stand-ins and the book-service
 * stub are declared on {@link BookImageResourceTest}.)
 */
@QuarkusTest
class MalformedUploadTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String BOUNDARY = "stacks-test-boundary-7MA4YWxkTrZu0gW";

    // --- multipart bodies ---

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void takesAHandWrittenMultipartBody(String method) {
        Upload upload = Upload.to(method);
        byte[] gif = TestImages.gif();

        raw(upload, "multipart/form-data; boundary=" + BOUNDARY, multipart(BOUNDARY, filePart(gif)))
                .then().statusCode(method.equals("POST") ? 201 : 200).body("contentType", equalTo("image/gif"))
                .body("size", equalTo(gif.length));
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsABodyWhoseBoundaryIsNotTheContentTypes(String method) {
        Upload upload = Upload.to(method);

        malformed(raw(upload, "multipart/form-data; boundary=zzz", multipart(BOUNDARY, filePart(TestImages.gif()))));
        upload.assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsAnEmptyBoundary(String method) {
        Upload upload = Upload.to(method);

        malformed(raw(upload, "multipart/form-data; boundary=", multipart(BOUNDARY, filePart(TestImages.gif()))));
        upload.assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsABodyCutOffInsideItsPart(String method) {
        Upload upload = Upload.to(method);
        byte[] gif = TestImages.gif();
        byte[] whole = multipart(BOUNDARY, filePart(gif));
        // The part's headers and half of the image; no closing delimiter.
        byte[] cut = Arrays.copyOf(whole, whole.length - gif.length / 2 - ("\r\n--" + BOUNDARY + "--\r\n").length());

        malformed(raw(upload, "multipart/form-data; boundary=" + BOUNDARY, cut));
        upload.assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsABodyCutOffInsideThePartsHeaders(String method) {
        Upload upload = Upload.to(method);

        malformed(raw(upload, "multipart/form-data; boundary=" + BOUNDARY,
                ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; na")));
        upload.assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsMoreThanAThousandFormFields(String method) {
        Upload upload = Upload.to(method);
        byte[][] fields = new byte[2000][];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = ascii("Content-Disposition: form-data; name=\"field" + i + "\"\r\n\r\nx");
        }

        malformed(raw(upload, "multipart/form-data; boundary=" + BOUNDARY, multipart(BOUNDARY, fields)));
        upload.assertUnchanged();
    }

    // --- paging ---

    @Test
    void rejectsThePageWhoseFirstImageCannotBeCountedNamingPage() {
        User owner = member();
        String bookId = bookOf(owner);

        problem(given().auth().oauth2(owner.token()).queryParam("page", Integer.MAX_VALUE)
                .when().get("/book/{bookId}/image", bookId), 400)
                .body("errors.page", notNullValue())
                .body("detail", startsWith("page: "));
    }

    @Test
    void rejectsPageTimesSizeBeyondTheIntegerRangeNamingPage() {
        User owner = member();
        String bookId = bookOf(owner);

        problem(given().auth().oauth2(owner.token()).queryParam("page", 21474837).queryParam("size", 100)
                .when().get("/book/{bookId}/image", bookId), 400)
                .body("errors.page", equalTo("must be a whole number from 0 to 21474836"));
    }

    @Test
    void answersTheLastCountablePageWithAnEmptyList() {
        User owner = member();
        String bookId = bookOf(owner);
        addedImage(owner, bookId, TestImages.png());

        given().auth().oauth2(owner.token()).queryParam("page", 21474836).queryParam("size", 100)
                .when().get("/book/{bookId}/image", bookId)
                .then().statusCode(200).contentType(ContentType.JSON).header("X-Total-Count", "1")
                .body("$", hasSize(0));
    }

    // --- helpers ---

    /** Where an upload goes: a new image of a fresh book (POST), or an existing image to replace (PUT). */
    private record Upload(String method, User owner, String bookId, String path, List<String> keysBefore) {

        static Upload to(String method) {
            User owner = member();
            String bookId = bookOf(owner);
            String path = "/book/" + bookId + "/image";
            if (method.equals("PUT")) {
                path += "/" + addedImage(owner, bookId, TestImages.png());
            }
            return new Upload(method, owner, bookId, path, StoredObjects.keysOf(bookId));
        }

        /** Nothing was added, and an image to replace still has its old bytes. */
        void assertUnchanged() {
            assertEquals(keysBefore, StoredObjects.keysOf(bookId));
            if (method.equals("PUT")) {
                Response content = given().auth().oauth2(owner.token()).when().get(path + "/content");
                content.then().statusCode(200).contentType("image/png");
                assertArrayEquals(TestImages.png(), content.asByteArray());
            } else {
                assertTrue(keysBefore.isEmpty());
                given().auth().oauth2(owner.token()).when().get(path).then().statusCode(200)
                        .header("X-Total-Count", "0");
            }
        }
    }

    /** The body byte for byte, under exactly the Content-Type given. */
    private static Response raw(Upload upload, String contentType, byte[] body) {
        return given().config(RestAssured.config().encoderConfig(
                encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(upload.owner().token()).contentType(contentType).body(body)
                .when().request(upload.method(), upload.path());
    }

    private static void malformed(Response response) {
        problem(response, 400)
                .body("detail", containsString("multipart/form-data"))
                .body(not(containsString("Exception")));
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("title", notNullValue()).body("requestId", notNullValue());
    }

    private static byte[] filePart(byte[] image) {
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(ascii("Content-Disposition: form-data; name=\"file\"; filename=\"cover.gif\"\r\n"
                + "Content-Type: image/gif\r\n\r\n"));
        part.writeBytes(image);
        return part.toByteArray();
    }

    /** Each part (its headers, a blank line, its content) after a delimiter, then the closing delimiter. */
    private static byte[] multipart(String boundary, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(ascii("--" + boundary + "\r\n"));
            body.writeBytes(part);
            body.writeBytes(ascii("\r\n"));
        }
        body.writeBytes(ascii("--" + boundary + "--\r\n"));
        return body.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
