package io.stacks.image.api;

/** The public paths of images, for urls, Location and Link headers. */
final class Paths {

    private Paths() {
    }

    static String images(String bookId) {
        return "/book/" + bookId + "/image";
    }

    static String image(String bookId, String imageId) {
        return images(bookId) + "/" + imageId;
    }
}
