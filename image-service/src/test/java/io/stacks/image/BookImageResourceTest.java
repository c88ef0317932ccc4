package io.stacks.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stacks.devstack.StandinsTestResource;
import io.stacks.devstack.TestTokens;
import io.stacks.platform.auth.Roles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(value = StandinsTestResource.class,
        initArgs = @ResourceArg(name = "service", value = "image-service"))
// Its order() starts it after the stand-ins, so its book-service URL wins (asksBookService... proves it).
@QuarkusTestResource(BookServiceStub.class)
class BookImageResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final int MAX_BYTES = 5 * 1024 * 1024;

    record User(String id, String username, String token) {
    }

    static User member() {
        return user(Roles.MEMBER);
    }

    static User staff() {
        return user(Roles.MEMBER, Roles.STAFF);
    }

    private static User user(String... roles) {
        String id = UUID.randomUUID().toString();
        String username = "user-" + id.substring(0, 8) + "@example.com";
        return new User(id, username, TestTokens.mint(id, username, roles));
    }

    static String bookOf(User owner) {
        return BookStub.bookOf(owner.id(), owner.username());
    }

    static Response upload(String method, String token, String path, byte[] bytes, String fileName, String type) {
        return given().auth().oauth2(token).multiPart("file", fileName, bytes, type).when().request(method, path);
    }

    static Response add(User user, String bookId, byte[] bytes) {
        return upload("POST", user.token(), "/book/" + bookId + "/image", bytes, "cover.png", "image/png");
    }

    static String addedImage(User user, String bookId, byte[] bytes) {
        return add(user, bookId, bytes).then().statusCode(201).extract().path("id");
    }

    private static String publicUrl() {
        return ConfigProvider.getConfig().getValue("stacks.public-url", String.class);
    }

    @Test
    void addsAPngAndStoresItsBytesInS3() {
        User owner = member();
        String bookId = bookOf(owner);
        byte[] png = TestImages.png();

        Response response = add(owner, bookId, png);

        response.then().statusCode(201).contentType(ContentType.JSON)
                .body("bookId", equalTo(bookId))
                .body("contentType", equalTo("image/png"))
                .body("size", equalTo(png.length))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("book.id", equalTo(bookId))
                .body("book.title", equalTo("Dune"))
                .body("book.createdById", equalTo(owner.id()))
                .body("book.createdBy", equalTo(owner.username()));
        String imageId = response.path("id");
        String image = "/book/" + bookId + "/image/" + imageId;
        assertEquals(publicUrl() + image, response.header("Location"));
        assertEquals(publicUrl() + image + "/content", response.path("url"));
        List<String> keys = StoredObjects.keysOf(bookId);
        assertEquals(1, keys.size());
        assertArrayEquals(png, StoredObjects.get(keys.get(0)).asByteArray());
        assertEquals("image/png", StoredObjects.get(keys.get(0)).response().contentType());
    }

    @Test
    void asksBookServiceWithTheCallersToken() {
        User owner = member();
        String bookId = bookOf(owner);

        addedImage(owner, bookId, TestImages.png());

        assertEquals("Bearer " + owner.token(), BookStub.authorizationSeenFor(bookId).orElse("not asked"));
    }

    @ParameterizedTest
    @CsvSource({ "png, image/png", "jpeg, image/jpeg", "gif, image/gif", "webp, image/webp" })
    void acceptsEachImageFormatByItsBytes(String format, String mediaType) {
        User owner = member();
        String bookId = bookOf(owner);
        byte[] bytes = TestImages.of(format);

        // The declared name and part type are deliberately wrong: only the bytes count.
        upload("POST", owner.token(), "/book/" + bookId + "/image", bytes, "image.bin", "application/octet-stream")
                .then().statusCode(201).body("contentType", equalTo(mediaType)).body("size", equalTo(bytes.length));
    }

    @Test
    void rejectsTextPretendingToBeAPng() {
        User owner = member();
        String bookId = bookOf(owner);

        upload("POST", owner.token(), "/book/" + bookId + "/image", "just some text, not an image".getBytes(),
                "x.png", "image/png")
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415))
                .body("title", equalTo("Unsupported Media Type")).body("detail", containsString("PNG"));
        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
    }

    @Test
    void rejectsAnImageLargerThanTheLimit() {
        User owner = member();
        String bookId = bookOf(owner);

        add(owner, bookId, TestImages.pngOfSize(MAX_BYTES + 1))
                .then().statusCode(413).contentType(PROBLEM).body("status", equalTo(413))
                .body("detail", containsString(Integer.toString(MAX_BYTES)));
        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
    }

    @Test
    void acceptsAnImageOfExactlyTheLimit() {
        User owner = member();
        String bookId = bookOf(owner);

        add(owner, bookId, TestImages.pngOfSize(MAX_BYTES)).then().statusCode(201).body("size", equalTo(MAX_BYTES));
    }

    @Test
    void rejectsABodyFarAboveTheLimitWithAProblemBeforeReadingIt() throws IOException {
        User owner = member();
        String bookId = bookOf(owner);
        String start = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";

        // A raw request declaring 50 MiB and sending only its start: the answer must come from the headers alone.
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /book/" + bookId + "/image HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + owner.token() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\n"
                    + "Content-Length: " + (10 * MAX_BYTES) + "\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response, startsWith("HTTP/1.1 413"));
            assertThat(response.toLowerCase(Locale.ROOT), containsString("content-type: application/problem+json"));
            assertThat(response, containsString("\"status\":413"));
        }
        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
    }

    @Test
    void rejectsAMultipartBodyWithoutAFilePart() {
        User owner = member();
        String bookId = bookOf(owner);

        given().auth().oauth2(owner.token()).multiPart("picture", "cover.png", TestImages.png(), "image/png")
                .when().post("/book/{bookId}/image", bookId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.file", notNullValue());
    }

    @Test
    void rejectsAnEmptyFile() {
        User owner = member();
        String bookId = bookOf(owner);

        add(owner, bookId, new byte[0])
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("empty"));
    }

    @Test
    void rejectsARequestThatIsNotMultipart() {
        User owner = member();
        String bookId = bookOf(owner);

        given().auth().oauth2(owner.token()).contentType("image/png").body(TestImages.png())
                .when().post("/book/{bookId}/image", bookId)
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415));
        given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body("{\"file\":\"x\"}")
                .when().post("/book/{bookId}/image", bookId)
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void answers404ForAnUnknownBook() {
        User user = member();
        String unknown = UUID.randomUUID().toString();

        add(user, unknown, TestImages.png()).then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString(unknown));
        given().auth().oauth2(user.token()).when().get("/book/{bookId}/image", unknown)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(user.token()).when().get("/book/not-a-uuid/image")
                .then().statusCode(404).contentType(PROBLEM);
        assertTrue(StoredObjects.keysOf(unknown).isEmpty());
    }

    @Test
    void answers404ForAnUnknownImage() {
        User owner = member();
        String bookId = bookOf(owner);
        String image = "/book/" + bookId + "/image/" + UUID.randomUUID();

        given().auth().oauth2(owner.token()).when().get(image).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(owner.token()).when().get(image + "/content").then().statusCode(404)
                .contentType(PROBLEM);
        upload("PUT", owner.token(), image, TestImages.png(), "a.png", "image/png").then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(owner.token()).when().delete(image).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(owner.token()).when().get("/book/" + bookId + "/image/nope").then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void answers404ForAnImageOfAnotherBook() {
        User owner = member();
        String bookId = bookOf(owner);
        String otherBookId = bookOf(owner);
        String imageId = addedImage(owner, otherBookId, TestImages.png());
        String image = "/book/" + bookId + "/image/" + imageId;

        given().auth().oauth2(owner.token()).when().get(image).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(owner.token()).when().get(image + "/content").then().statusCode(404)
                .contentType(PROBLEM);
        upload("PUT", owner.token(), image, TestImages.gif(), "a.gif", "image/gif").then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(owner.token()).when().delete(image).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(owner.token()).when().get("/book/" + otherBookId + "/image/" + imageId)
                .then().statusCode(200).body("contentType", equalTo("image/png"));
        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
    }

    @Test
    void forbidsAMemberWhoDidNotAddTheBook() {
        User owner = member();
        User other = member();
        String bookId = bookOf(owner);
        String imageId = addedImage(owner, bookId, TestImages.png());
        String image = "/book/" + bookId + "/image/" + imageId;

        add(other, bookId, TestImages.png()).then().statusCode(403).contentType(PROBLEM)
                .body("status", equalTo(403));
        upload("PUT", other.token(), image, TestImages.jpeg(), "a.jpg", "image/jpeg").then().statusCode(403)
                .contentType(PROBLEM);
        given().auth().oauth2(other.token()).when().delete(image).then().statusCode(403).contentType(PROBLEM);
        assertEquals(1, StoredObjects.keysOf(bookId).size());
        given().auth().oauth2(other.token()).when().get(image).then().statusCode(200)
                .body("contentType", equalTo("image/png"));
    }

    @Test
    void letsStaffChangeImagesOfAnyBook() {
        User owner = member();
        User staff = staff();
        String bookId = bookOf(owner);
        String imageId = addedImage(staff, bookId, TestImages.png());
        String image = "/book/" + bookId + "/image/" + imageId;

        upload("PUT", staff.token(), image, TestImages.gif(), "a.gif", "image/gif").then().statusCode(200)
                .body("contentType", equalTo("image/gif"));
        given().auth().oauth2(staff.token()).when().delete(image).then().statusCode(204);
        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
    }

    @Test
    void requiresAValidToken() {
        User owner = member();
        String bookId = bookOf(owner);
        String imageId = addedImage(owner, bookId, TestImages.png());
        String image = "/book/" + bookId + "/image/" + imageId;

        given().multiPart("file", "a.png", TestImages.png(), "image/png").when().post("/book/" + bookId + "/image")
                .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401));
        given().when().get("/book/" + bookId + "/image").then().statusCode(401).contentType(PROBLEM);
        given().when().get(image).then().statusCode(401).contentType(PROBLEM);
        given().when().get(image + "/content").then().statusCode(401).contentType(PROBLEM);
        given().multiPart("file", "a.png", TestImages.png(), "image/png").when().put(image)
                .then().statusCode(401).contentType(PROBLEM);
        given().when().delete(image).then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("not.a.token").when().get(image).then().statusCode(401).contentType(PROBLEM);
        assertEquals(1, StoredObjects.keysOf(bookId).size());
    }

    @Test
    void refusesAServiceTokenAtThePublicEndpoints() {
        User owner = member();
        String bookId = bookOf(owner);
        String imageId = addedImage(owner, bookId, TestImages.png());
        String image = "/book/" + bookId + "/image/" + imageId;
        String serviceToken = TestTokens.service("book-service", "image-service");

        given().auth().oauth2(serviceToken).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        given().auth().oauth2(serviceToken).when().get(image).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(serviceToken).when().get(image + "/content").then().statusCode(403)
                .contentType(PROBLEM);
        upload("POST", serviceToken, "/book/" + bookId + "/image", TestImages.png(), "a.png", "image/png")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(serviceToken).when().delete(image).then().statusCode(403).contentType(PROBLEM);
        assertEquals(1, StoredObjects.keysOf(bookId).size());
    }

    @Test
    void answers503WhenBookServiceFailsAndStoresNothing() {
        User owner = member();
        String bookId = bookOf(owner);
        BookStub.failing();
        try {
            add(owner, bookId, TestImages.png()).then().statusCode(503).contentType(PROBLEM)
                    .header("Retry-After", notNullValue()).body("status", equalTo(503));
            assertTrue(BookStub.authorizationSeenFor(bookId).isPresent());
        } finally {
            BookServiceBreaker.awaitClosed();
        }
        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
        given().auth().oauth2(owner.token()).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(200).header("X-Total-Count", "0").body("$", hasSize(0));
    }

    @Test
    void answers503WhenBookServiceIsUnreachableAndStoresNothing() {
        User owner = member();
        String bookId = bookOf(owner);
        BookStub.down();
        try {
            add(owner, bookId, TestImages.png()).then().statusCode(503).contentType(PROBLEM)
                    .header("Retry-After", notNullValue());
        } finally {
            BookServiceBreaker.awaitClosed();
        }
        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
        given().auth().oauth2(owner.token()).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(200).header("X-Total-Count", "0");
    }

    @Test
    void servesTheIdenticalBytesWithTheStoredContentType() {
        User owner = member();
        User reader = member();
        String bookId = bookOf(owner);
        byte[] jpeg = TestImages.jpeg();
        String imageId = upload("POST", owner.token(), "/book/" + bookId + "/image", jpeg, "photo.png", "image/png")
                .then().statusCode(201).extract().path("id");

        Response content = given().auth().oauth2(reader.token()).when()
                .get("/book/{bookId}/image/{imageId}/content", bookId, imageId);

        content.then().statusCode(200).contentType("image/jpeg").header("Cache-Control", containsString("private"));
        assertArrayEquals(jpeg, content.asByteArray());
    }

    @Test
    void getsAnImagesMetadata() {
        User owner = member();
        String bookId = bookOf(owner);
        byte[] webp = TestImages.WEBP;
        String imageId = addedImage(owner, bookId, webp);

        given().auth().oauth2(member().token()).when().get("/book/{bookId}/image/{imageId}", bookId, imageId)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(imageId)).body("bookId", equalTo(bookId))
                .body("contentType", equalTo("image/webp")).body("size", equalTo(webp.length))
                .body("url", endsWith("/book/" + bookId + "/image/" + imageId + "/content"))
                .body("book.id", equalTo(bookId)).body("book.isbn", equalTo("9780441172719"));
    }

    @Test
    void replacesTheBytesUnderANewKeyAndRemovesTheOldObject() {
        User owner = member();
        String bookId = bookOf(owner);
        Response added = add(owner, bookId, TestImages.png());
        String imageId = added.path("id");
        String oldKey = StoredObjects.keysOf(bookId).get(0);
        byte[] gif = TestImages.gif();

        upload("PUT", owner.token(), "/book/" + bookId + "/image/" + imageId, gif, "new.png", "image/png")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(imageId)).body("contentType", equalTo("image/gif"))
                .body("size", equalTo(gif.length)).body("createdAt", equalTo(added.path("createdAt")))
                .body("url", equalTo(added.path("url"))).body("book.id", equalTo(bookId));

        List<String> keys = StoredObjects.keysOf(bookId);
        assertEquals(1, keys.size());
        assertNotEquals(oldKey, keys.get(0));
        assertArrayEquals(gif, StoredObjects.get(keys.get(0)).asByteArray());
        Response content = given().auth().oauth2(owner.token()).when()
                .get("/book/{bookId}/image/{imageId}/content", bookId, imageId);
        content.then().statusCode(200).contentType("image/gif");
        assertArrayEquals(gif, content.asByteArray());
    }

    @Test
    void rejectsAReplacementThatIsNotAnImageAndKeepsTheOld() {
        User owner = member();
        String bookId = bookOf(owner);
        String imageId = addedImage(owner, bookId, TestImages.png());
        String oldKey = StoredObjects.keysOf(bookId).get(0);

        upload("PUT", owner.token(), "/book/" + bookId + "/image/" + imageId, "<svg/>".getBytes(), "x.gif",
                "image/gif").then().statusCode(415).contentType(PROBLEM);
        assertEquals(List.of(oldKey), StoredObjects.keysOf(bookId));
    }

    @Test
    void deletesTheRowAndTheObject() {
        User owner = member();
        String bookId = bookOf(owner);
        String imageId = addedImage(owner, bookId, TestImages.png());
        String image = "/book/" + bookId + "/image/" + imageId;

        given().auth().oauth2(owner.token()).when().delete(image).then().statusCode(204);

        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
        given().auth().oauth2(owner.token()).when().get(image).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(owner.token()).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(200).header("X-Total-Count", "0");
    }

    @Test
    void listsABooksImagesInPagesWithTotalAndLinks() {
        User owner = member();
        String bookId = bookOf(owner);
        String first = addedImage(owner, bookId, TestImages.png());
        String second = addedImage(owner, bookId, TestImages.jpeg());
        String third = addedImage(owner, bookId, TestImages.gif());
        addedImage(owner, bookOf(owner), TestImages.png());
        String images = publicUrl() + "/book/" + bookId + "/image";

        given().auth().oauth2(owner.token()).queryParam("size", 2).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(200).contentType(ContentType.JSON).header("X-Total-Count", "3")
                .header("Link", is("<" + images + "?size=2&page=1>; rel=\"next\""))
                .body("$", hasSize(2)).body("[0].id", equalTo(first)).body("[1].id", equalTo(second))
                .body("[0].book.id", equalTo(bookId));
        given().auth().oauth2(owner.token()).queryParam("size", 2).queryParam("page", 1)
                .when().get("/book/{bookId}/image", bookId)
                .then().statusCode(200).header("X-Total-Count", "3")
                .header("Link", is("<" + images + "?size=2&page=0>; rel=\"prev\""))
                .body("$", hasSize(1)).body("[0].id", equalTo(third));
    }

    @Test
    void rejectsAPageSizeOutOfRange() {
        User owner = member();
        String bookId = bookOf(owner);

        given().auth().oauth2(owner.token()).queryParam("size", 0).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.size", notNullValue());
        given().auth().oauth2(owner.token()).queryParam("page", -1).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.page", notNullValue());
    }
}
