package io.tagforge.curation.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing per user name and client address: after {@value #FREE_FAILURES} failed logins of a
 * name from one address, that pair waits {@link #FIRST_WAIT} before its next attempt, twice as long after each
 * further failure, up to {@link #LONGEST_WAIT}. Failures from one address never lock the name out of another,
 * so guessing at {@code admin} from anywhere cannot keep the admin out. Memory is bounded: at most
 * {@value #TRACKED} pairs are tracked, each forgotten {@link #FORGET_AFTER} after its last failure.
 */
@Component
public class LoginAttemptLimiter {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final int TRACKED = 100_000;

    private record Key(String username, String address) {
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Cache<Key, Failures> failures = Caffeine.newBuilder()
            .maximumSize(TRACKED).expireAfterWrite(FORGET_AFTER).build();
    private final Clock clock;

    LoginAttemptLimiter() {
        this(Clock.systemUTC());
    }

    LoginAttemptLimiter(Clock clock) {
        this.clock = clock;
    }

    /** How long this name must wait before its next attempt from this address; zero when it may try now. */
    public Duration waitFor(String username, String address) {
        Failures f = failures.getIfPresent(key(username, address));
        if (f == null || f.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(clock.instant(), f.lockedUntil());
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    void recordFailure(String username, String address) {
        failures.asMap().compute(key(username, address), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            if (count < FREE_FAILURES) {
                return new Failures(count, null);
            }
            // 30 s, 60 s, 120 s, ... capped
            int doublings = Math.min(count - FREE_FAILURES, 20);
            Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
            return new Failures(count, clock.instant().plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait));
        });
    }

    void recordSuccess(String username, String address) {
        failures.invalidate(key(username, address));
    }

    /** Pairs tracked now (after pending evictions). */
    long tracked() {
        failures.cleanUp();
        return failures.estimatedSize();
    }

    private static Key key(String username, String address) {
        return new Key(username == null ? "" : username.toLowerCase(Locale.ROOT), address == null ? "" : address);
    }
}
