package io.stacks.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generated sweep: every fuzz family over every endpoint the services' OpenAPI documents declare, through the
 * gateway and directly at each service, thousands of malformed requests. Every answer must be a clear 4xx problem
 * (or, where the input may be acceptable, a success); all failures are collected and reported at once, grouped by
 * fuzz class and kind, with the first examples of each. The figures are printed and kept in
 * target/fuzz-sweep-report.txt.
 */
@ExtendWith(RunningStack.class)
class FuzzSweepTest {

    @Test
    void everyMalformedRequestGetsAClear4xxProblem() throws IOException {
        FuzzFixture fixture = FuzzFixture.get();
        List<FuzzRequest> requests = new FuzzCases(fixture).sweep();
        assertTrue(requests.size() >= 1000, "the sweep generates at least 1,000 requests, not " + requests.size());
        System.out.println("fuzz sweep: " + fixture.endpoints.size() + " endpoints from the OpenAPI documents, "
                + requests.size() + " requests, " + FuzzRunner.PARALLEL + " at a time");
        FuzzReport report = FuzzRunner.run("fuzz sweep", requests);
        report.print();
        Path file = Path.of("target", "fuzz-sweep-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.summary());
        report.assertNoFailures();
    }
}
