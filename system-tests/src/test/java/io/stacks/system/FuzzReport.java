package io.stacks.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every request of a fuzz run and every contract violation, kept (never stopping at the first) and summed up at the
 * end: requests and failures per fuzz class, violations per kind, the first examples of each.
 */
final class FuzzReport {

    static final int EXAMPLES_PER_GROUP = 5;
    private static final int EXCERPT = 300;
    private static final int MAX_INPUTS = 25;

    private final String title;
    private final long started = System.nanoTime();
    private final Map<String, AtomicInteger> sent = new ConcurrentSkipListMap<>();
    /** Answers of the HTTP codec (fuzz class and status): a known gap, counted apart, not failures. */
    private final Map<String, AtomicInteger> byCodec = new ConcurrentSkipListMap<>();
    /** Gateway 503s for a service that was up (connection found closed): a known gap, listed, not failures. */
    private final Set<String> lostAtTheGateway = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> failed = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicInteger> byTarget = new ConcurrentSkipListMap<>();
    private final Map<FuzzContract.Kind, AtomicInteger> byKind = new ConcurrentSkipListMap<>();
    /** "fuzz class | kind" to how many requests, and their first examples. */
    private final Map<String, AtomicInteger> groups = new ConcurrentSkipListMap<>();
    private final Map<String, List<Example>> examples = new ConcurrentSkipListMap<>();
    /** The request ids of answers in the 5xx range, to find their causes in the services' logs. */
    private final Set<String> serverErrorIds = new ConcurrentSkipListSet<>();
    /** Request id to the first ERROR/WARN lines the services logged for it (read once the run is over). */
    private Map<String, List<String>> serverLog = Map.of();
    /** Per group, the distinct inputs that failed (their short descriptions), to see the whole pattern at once. */
    private final Map<String, Set<String>> inputs = new ConcurrentSkipListMap<>();
    /** The distinct leaking fragments of problem details, whatever the class. */
    private final Set<String> leaks = new ConcurrentSkipListSet<>();
    private final AtomicLong slowest = new AtomicLong();

    FuzzReport(String title) {
        this.title = title;
    }

    void record(FuzzRequest request, FuzzHttp.Response response, List<FuzzContract.Violation> violations) {
        sent.computeIfAbsent(request.fuzzClass(), k -> new AtomicInteger()).incrementAndGet();
        byTarget.computeIfAbsent(request.target().name(), k -> new AtomicInteger()).incrementAndGet();
        slowest.accumulateAndGet(response.millis(), Math::max);
        if (violations.isEmpty()) {
            return;
        }
        if (FuzzContract.answeredByTheHttpCodec(response)) {
            byCodec.computeIfAbsent(request.fuzzClass() + " " + response.status(), k -> new AtomicInteger())
                    .incrementAndGet();
            return;
        }
        if (FuzzContract.earlyAnswerLostAtTheGateway(request, response)) {
            lostAtTheGateway.add(request.method() + " " + request.uri() + " (" + request.fuzzClass() + ")");
            return;
        }
        failed.computeIfAbsent(request.fuzzClass(), k -> new AtomicInteger()).incrementAndGet();
        if (response.status() >= 500 && response.header("X-Request-Id") != null) {
            serverErrorIds.add(response.header("X-Request-Id"));
        }
        violations.stream().filter(v -> v.kind() == FuzzContract.Kind.LEAKS_INTERNALS)
                .forEach(v -> leaks.add(normalized(v.message())));
        Set<FuzzContract.Kind> kinds = new LinkedHashSet<>();
        violations.forEach(v -> kinds.add(v.kind()));
        for (FuzzContract.Kind kind : kinds) {
            byKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            String group = request.fuzzClass() + " | " + kind.label;
            groups.computeIfAbsent(group, k -> new AtomicInteger()).incrementAndGet();
            inputs.computeIfAbsent(group, k -> new ConcurrentSkipListSet<>())
                    .add(request.sent().replace(" [Basic]", ""));
            List<Example> list = examples.computeIfAbsent(group, k -> new ArrayList<>());
            synchronized (list) {
                if (list.size() < EXAMPLES_PER_GROUP) {
                    list.add(new Example(request, response, violations.stream().filter(v -> v.kind() == kind)
                            .toList()));
                }
            }
        }
    }

    int requests() {
        return sent.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int failures() {
        return failed.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The figures: requests, per class and target, failures per class and kind, time. */
    String figures() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: %d requests in %.1f s (slowest answer %d ms), %d failed%n", title, requests(),
                (System.nanoTime() - started) / 1e9, slowest.get(), failures()));
        out.append("  per target: ").append(byTarget.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))).append('\n');
        out.append(String.format("  %-28s %8s %8s%n", "fuzz class", "sent", "failed"));
        sent.forEach((fuzzClass, count) -> out.append(String.format("  %-28s %8d %8d%n", fuzzClass, count.get(),
                failed.getOrDefault(fuzzClass, new AtomicInteger()).get())));
        if (!byKind.isEmpty()) {
            out.append("  failures per kind: ").append(byKind.entrySet().stream()
                    .map(e -> e.getKey().label + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        if (!lostAtTheGateway.isEmpty()) {
            out.append("  gateway 503 for a service that was up (connection found closed, known gap, see README): ")
                    .append(lostAtTheGateway.size()).append(": ").append(String.join("; ", lostAtTheGateway))
                    .append('\n');
        }
        if (!byCodec.isEmpty()) {
            out.append("  answered by the HTTP codec with an empty body (known gap, see README), per class and status: ")
                    .append(byCodec.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                            .collect(Collectors.joining(", "))).append('\n');
        }
        return out.toString();
    }

    /** The figures and, per fuzz class and kind of violation, the count and the first examples. */
    String summary() {
        StringBuilder out = new StringBuilder(figures());
        if (groups.isEmpty()) {
            return out.toString();
        }
        out.append("\nFailures by class and kind (first ").append(EXAMPLES_PER_GROUP).append(" examples each):\n");
        groups.forEach((group, count) -> {
            out.append("\n[").append(group).append("] ").append(count.get()).append(" request(s)\n");
            List<String> distinct = List.copyOf(inputs.get(group));
            out.append("  inputs (").append(distinct.size()).append(" distinct): ")
                    .append(String.join("; ", distinct.subList(0, Math.min(distinct.size(), MAX_INPUTS))))
                    .append(distinct.size() > MAX_INPUTS ? "; …" : "").append('\n');
            examples.get(group).forEach(example -> out.append(render(example)));
        });
        Map<String, Integer> causes = new TreeMap<>();
        serverErrorIds.forEach(id -> serverLog.getOrDefault(id, List.of("(nothing logged under this request id)"))
                .forEach(line -> causes.merge(normalized(line), 1, Integer::sum)));
        if (!causes.isEmpty()) {
            out.append("\nWhat the services logged for the 5xx answers (count, line; numbers as N):\n");
            causes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(cause -> out.append(String.format("  %5d  %s%n", cause.getValue(), cause.getKey())));
        }
        if (!leaks.isEmpty()) {
            out.append("\nDistinct internals named in problem details (numbers as N):\n");
            leaks.forEach(leak -> out.append("  - ").append(leak).append('\n'));
        }
        return out.toString();
    }

    void print() {
        System.out.println();
        System.out.println(summary());
    }

    void assertNoFailures() {
        if (failures() > 0) {
            throw new AssertionError(failures() + " of " + requests() + " malformed requests broke the error contract\n"
                    + summary());
        }
    }

    private record Example(FuzzRequest request, FuzzHttp.Response response, List<FuzzContract.Violation> violations) {
    }

    /**
     * Reads the services' logs (one file per process, lines "time LEVEL [category] (request id) message") so that a
     * failure's example shows what the service logged for it.
     */
    void attachServerLogs(Path logDir) {
        Map<String, List<String>> byId = new HashMap<>();
        Pattern line = Pattern.compile("^\\S+ (ERROR|WARN)\\s+\\[[^\\]]+\\] \\(([^)]+)\\) (.*)$");
        try (var files = Files.list(logDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                String service = file.getFileName().toString().replace(".log", "");
                // A reader (not Files.lines) replaces bytes that are not UTF-8 instead of failing on them.
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                        StandardCharsets.UTF_8))) {
                    reader.lines().forEach(text -> {
                        Matcher m = line.matcher(text);
                        if (m.matches()) {
                            List<String> found = byId.computeIfAbsent(m.group(2), k -> new ArrayList<>());
                            if (found.size() < 2) {
                                String message = m.group(3);
                                found.add(service + " " + m.group(1) + ": "
                                        + (message.length() > 200 ? message.substring(0, 200) + "…" : message));
                            }
                        }
                    });
                }
            }
        } catch (IOException e) {
            return; // the logs are a help for the reader, not part of the verdict
        }
        serverLog = byId;
    }

    private String render(Example example) {
        FuzzRequest request = example.request();
        FuzzHttp.Response response = example.response();
        List<FuzzContract.Violation> violations = example.violations();
        StringBuilder out = new StringBuilder();
        out.append("  - ").append(request).append('\n');
        out.append("      sent: ").append(request.sent());
        if (request.payload().length > 0) {
            byte[] start = Arrays.copyOf(request.payload(), Math.min(request.payload().length, 120));
            out.append(" | body ").append(request.payload().length).append(" bytes: ").append(excerpt(start));
        }
        out.append('\n');
        if (response.answered()) {
            out.append("      got:  ").append(response.status()).append(' ')
                    .append(String.valueOf(response.header("Content-Type"))).append(", X-Request-Id ")
                    .append(response.header("X-Request-Id") == null ? "missing" : "present").append(", body: ")
                    .append(response.body().length == 0 ? "(empty)" : excerpt(response.body())).append('\n');
        } else {
            out.append("      got:  no answer (").append(response.error()).append(")\n");
        }
        out.append("      why:  ").append(violations.stream().map(FuzzContract.Violation::message)
                .collect(Collectors.joining("; "))).append('\n');
        String id = response.header("X-Request-Id");
        if (id != null && serverLog.containsKey(id)) {
            serverLog.get(id).forEach(logged -> out.append("      log:  ").append(logged).append('\n'));
        }
        return out.toString();
    }

    /** Ids as {id} and other numbers as N, so that one cause counts once. */
    private static String normalized(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}")
                .replaceAll("\\d+", "N");
    }

    static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < EXCERPT; i++) {
            char c = text.charAt(i);
            shown.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return text.length() > EXCERPT ? shown + "…" : shown.toString();
    }
}
