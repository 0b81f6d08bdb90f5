package io.tagforge.curation.security;

import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the {@link LoginAttemptLimiter} before the password, and tells it how each attempt went, keyed by
 * the name and the client's address.
 */
final class RateLimitedAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginAttemptLimiter limiter;

    RateLimitedAuthenticationProvider(AuthenticationProvider delegate, LoginAttemptLimiter limiter) {
        this.delegate = delegate;
        this.limiter = limiter;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Duration wait = limiter.waitFor(name, address);
        if (!wait.isZero()) {
            throw new LockedException("Too many failed logins for " + name + " from this address; try again in "
                    + Math.max(1, wait.toSeconds()) + " s");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            limiter.recordSuccess(name, address);
            return result;
        } catch (BadCredentialsException e) {
            limiter.recordFailure(name, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
