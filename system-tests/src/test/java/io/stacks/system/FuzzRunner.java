package io.stacks.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sends fuzz requests a few at a time, checks each answer against the contract and records it in a report. */
final class FuzzRunner {

    /** Enough to keep a 2-core machine busy without starving the nine JVMs of the stack. */
    static final int PARALLEL = Integer.getInteger("fuzz.parallel", 3);
    private static final int HEAVY = 1024 * 1024;

    private FuzzRunner() {
    }

    /** Every request is sent and checked; the large ones (over 1 MiB) one at a time at the end. */
    static FuzzReport run(String title, List<FuzzRequest> requests) {
        FuzzReport report = new FuzzReport(title);
        List<FuzzRequest> light = requests.stream().filter(r -> r.payload().length <= HEAVY).toList();
        List<FuzzRequest> heavy = requests.stream().filter(r -> r.payload().length > HEAVY).toList();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (FuzzRequest request : light) {
                sent.add(pool.submit(() -> send(request, report)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the fuzzer itself failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        heavy.forEach(request -> send(request, report));
        if (RunningStack.stack() != null) {
            report.attachServerLogs(RunningStack.stack().logDir());
        }
        return report;
    }

    private static void send(FuzzRequest request, FuzzReport report) {
        FuzzHttp.Response response = request.send();
        report.record(request, response, FuzzContract.check(request, response));
    }
}
