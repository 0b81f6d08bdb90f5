package io.tagforge.curation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;

import io.tagforge.curation.CocoMiniFixture;
import io.tagforge.curation.SpringUiTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class LoginRateLimitTest extends SpringUiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsRefusedForThatNameOnly() throws Exception {
        CocoMiniFixture.load();
        mvc.perform(formLogin("/login").user("ben").password(CocoMiniFixture.PASSWORD)).andExpect(authenticated());
        for (int i = 0; i < LoginAttemptLimiter.MAX_FAILURES; i++) {
            mvc.perform(formLogin("/login").user("anna").password("guess-" + i)).andExpect(unauthenticated());
        }
        mvc.perform(formLogin("/login").user("anna").password(CocoMiniFixture.PASSWORD)).andExpect(unauthenticated());
        mvc.perform(formLogin("/login").user("ANNA").password(CocoMiniFixture.PASSWORD)).andExpect(unauthenticated());
        mvc.perform(formLogin("/login").user("ben").password(CocoMiniFixture.PASSWORD)).andExpect(authenticated());
    }

    @Test
    void theLockEndsWhenTheWindowHasPassed() {
        MutableClock clock = new MutableClock();
        LoginAttemptLimiter limiter = new LoginAttemptLimiter(clock);
        for (int i = 0; i < LoginAttemptLimiter.MAX_FAILURES - 1; i++) {
            limiter.recordFailure("anna");
        }
        assertThat(limiter.waitFor("anna")).isZero();
        limiter.recordFailure("anna");
        assertThat(limiter.waitFor("anna")).isEqualTo(LoginAttemptLimiter.WINDOW);
        clock.now = clock.now.plus(LoginAttemptLimiter.WINDOW).plusSeconds(1);
        assertThat(limiter.waitFor("anna")).isZero();
        limiter.recordFailure("anna");
        limiter.recordSuccess("anna");
        assertThat(limiter.waitFor("anna")).isZero();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
