package io.stacks.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Creates a bucket on an S3-compatible server, as CloudFormation does in AWS: one request signed with AWS Signature
 * Version 4, so the launcher and the compose setup need no AWS SDK (whose version would clash with the Quarkus BOM).
 */
public final class S3Buckets {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EMPTY_SHA256 = hex(sha256(new byte[0]));
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private S3Buckets() {
    }

    /** Creates the bucket unless this account already has it. */
    public static void create(String endpoint, String bucket, String accessKey, String secretKey, String region) {
        URI uri = URI.create(endpoint + "/" + bucket);
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        String date = amzDate.substring(0, 8);
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        String canonicalRequest = String.join("\n", "PUT", "/" + bucket, "", "host:" + host,
                "x-amz-content-sha256:" + EMPTY_SHA256, "x-amz-date:" + amzDate, "", signedHeaders, EMPTY_SHA256);
        String scope = date + "/" + region + "/s3/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        for (String part : new String[] { region, "s3", "aws4_request" }) {
            key = hmac(key, part);
        }
        String authorization = "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + hex(hmac(key, stringToSign));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("x-amz-date", amzDate)
                .header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && !response.body().contains("BucketAlreadyOwnedByYou")) {
                throw new StackException("cannot create bucket " + bucket + " at " + endpoint + ": "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new StackException("cannot create bucket " + bucket + " at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
