package io.tagforge.curation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class LoginRateLimitTest extends SpringUiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void failuresFromOneAddressLockThatNameThereOnlyNeverFromAnotherAddress() throws Exception {
        CocoMiniFixture.load();
        for (int i = 0; i < LoginAttemptLimiter.FREE_FAILURES; i++) {
            mvc.perform(login("root", "guess-" + i, "203.0.113.9"))
                    .andExpect(unauthenticated());
        }
        mvc.perform(login("root", CocoMiniFixture.PASSWORD, "203.0.113.9"))
                .andExpect(unauthenticated());
        mvc.perform(login("ROOT", CocoMiniFixture.PASSWORD, "203.0.113.9"))
                .andExpect(unauthenticated());
        mvc.perform(login("root", CocoMiniFixture.PASSWORD, "192.0.2.1"))
                .andExpect(authenticated());
        mvc.perform(login("ben", CocoMiniFixture.PASSWORD, "203.0.113.9"))
                .andExpect(authenticated());
    }

    @Test
    void theWaitDoublesWithEachFurtherFailureUpToItsCapAndEndsWithASuccess() {
        MutableClock clock = new MutableClock();
        LoginAttemptLimiter limiter = new LoginAttemptLimiter(clock);
        for (int i = 0; i < LoginAttemptLimiter.FREE_FAILURES - 1; i++) {
            limiter.recordFailure("anna", "a");
        }
        assertThat(limiter.waitFor("anna", "a")).isZero();
        limiter.recordFailure("anna", "a");
        assertThat(limiter.waitFor("anna", "a")).isEqualTo(LoginAttemptLimiter.FIRST_WAIT);
        assertThat(limiter.waitFor("anna", "b")).isZero();
        clock.now = clock.now.plus(LoginAttemptLimiter.FIRST_WAIT);
        assertThat(limiter.waitFor("anna", "a")).isZero();
        limiter.recordFailure("anna", "a");
        assertThat(limiter.waitFor("anna", "a")).isEqualTo(LoginAttemptLimiter.FIRST_WAIT.multipliedBy(2));
        for (int i = 0; i < 30; i++) {
            limiter.recordFailure("anna", "a");
        }
        assertThat(limiter.waitFor("anna", "a")).isEqualTo(LoginAttemptLimiter.LONGEST_WAIT);
        limiter.recordSuccess("anna", "a");
        assertThat(limiter.waitFor("anna", "a")).isZero();
    }

    @Test
    void memoryStaysBoundedWhateverNamesAreTried() {
        LoginAttemptLimiter limiter = new LoginAttemptLimiter(new MutableClock());
        for (int i = 0; i < LoginAttemptLimiter.TRACKED + 20_000; i++) {
            limiter.recordFailure("user" + i, "198.51.100." + (i % 250));
        }
        assertThat(limiter.tracked()).isLessThanOrEqualTo(LoginAttemptLimiter.TRACKED);
    }

    /** The login form posted from a client address. */
    private static MockHttpServletRequestBuilder login(String user, String password, String address) {
        return post("/login").param("username", user).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
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
