package io.stacks.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    /** The relay's defaults: 1 s, doubling, at most 5 min, 12 attempts. */
    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(5), 12);

    @Test
    void waitsTheInitialBackoffAfterTheFirstFailure() {
        assertEquals(Duration.ofSeconds(1), schedule.backoffAfter(1));
    }

    @Test
    void doublesTheBackoffAfterEveryFurtherFailure() {
        assertEquals(Duration.ofSeconds(2), schedule.backoffAfter(2));
        assertEquals(Duration.ofSeconds(4), schedule.backoffAfter(3));
        assertEquals(Duration.ofSeconds(8), schedule.backoffAfter(4));
        assertEquals(Duration.ofSeconds(256), schedule.backoffAfter(9));
    }

    @Test
    void capsTheBackoffAtTheMaximum() {
        assertEquals(Duration.ofMinutes(5), schedule.backoffAfter(10), "512 s would exceed 300 s");
        assertEquals(Duration.ofMinutes(5), schedule.backoffAfter(12));
    }

    @Test
    void neverOverflowsForHugeAttemptNumbers() {
        for (int attempts : new int[] { 31, 32, 63, 64, 65, 1_000, Integer.MAX_VALUE }) {
            assertEquals(Duration.ofMinutes(5), schedule.backoffAfter(attempts), "after " + attempts + " attempts");
            Duration delay = schedule.delayAfter(attempts, () -> 0.999_999);
            assertTrue(delay.compareTo(Duration.ofMinutes(5)) <= 0 && !delay.isNegative(), delay.toString());
        }
    }

    @Test
    void neverOverflowsWithAHighMaximumEither() {
        RetrySchedule generous = new RetrySchedule(Duration.ofSeconds(1), Duration.ofDays(365_000), 12);
        Duration longest = generous.backoffAfter(Integer.MAX_VALUE);
        assertFalse(longest.isNegative() || longest.isZero(), longest.toString());
        assertTrue(longest.compareTo(generous.backoffAfter(30)) >= 0, "the backoff never shrinks: " + longest);
    }

    @Test
    void treatsAttemptCountsBelowOneAsTheFirstFailure() {
        assertEquals(Duration.ofSeconds(1), schedule.backoffAfter(0));
        assertEquals(Duration.ofSeconds(1), schedule.backoffAfter(-3));
    }

    @Test
    void waitsHalfTheBackoffWhenTheJitterIsZero() {
        assertEquals(Duration.ofSeconds(4), schedule.delayAfter(4, () -> 0.0));
    }

    @Test
    void waitsThreeQuartersOfTheBackoffForMidJitter() {
        assertEquals(Duration.ofSeconds(6), schedule.delayAfter(4, () -> 0.5));
    }

    @Test
    void waitsAtMostTheBackoffWhenTheJitterIsHighest() {
        Duration delay = schedule.delayAfter(4, () -> Math.nextDown(1.0));
        assertTrue(delay.compareTo(Duration.ofSeconds(8)) <= 0, delay.toString());
        assertTrue(delay.compareTo(Duration.ofMillis(7_999)) >= 0, delay.toString());
    }

    @Test
    void keepsEveryJitteredDelayWithinTheUpperHalfOfTheBackoff() {
        SplittableRandom random = new SplittableRandom(42);
        for (int attempts = 1; attempts <= 40; attempts++) {
            long backoff = schedule.backoffAfter(attempts).toMillis();
            for (int draw = 0; draw < 200; draw++) {
                long delay = schedule.delayAfter(attempts, random::nextDouble).toMillis();
                assertTrue(delay >= backoff / 2 && delay <= backoff,
                        delay + " ms is outside [" + backoff / 2 + ", " + backoff + "] after " + attempts);
            }
        }
    }

    @Test
    void spreadsDelaysOfEventsThatFailedTogether() {
        SplittableRandom random = new SplittableRandom(7);
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> schedule.delayAfter(5, random::nextDouble)).distinct().count();
        assertTrue(distinct > 10, "only " + distinct + " distinct delays out of 50");
    }

    @Test
    void allowsRetriesUntilTheMaximumAttempts() {
        assertTrue(schedule.mayRetryAfter(1));
        assertTrue(schedule.mayRetryAfter(11));
    }

    @Test
    void stopsRetryingAtTheMaximumAttempts() {
        assertFalse(schedule.mayRetryAfter(12));
        assertFalse(schedule.mayRetryAfter(13));
    }

    @Test
    void neverRetriesWhenOnlyOneAttemptIsAllowed() {
        assertFalse(new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(5), 1).mayRetryAfter(1));
    }
}
