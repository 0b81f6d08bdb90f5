package io.tagforge.curation.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Form login through Vaadin's security support; views declare their roles with @RolesAllowed and so does every
 * service method (method security), so a hidden menu entry is never the only guard.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true, securedEnabled = true)
class SecurityConfig extends VaadinWebSecurity {

    private final AppUserDetailsService users;
    private final LoginAttemptLimiter limiter;

    SecurityConfig(AppUserDetailsService users, LoginAttemptLimiter limiter) {
        this.users = users;
        this.limiter = limiter;
    }

    @Bean
    static PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(passwordEncoder());
        http.authenticationProvider(new RateLimitedAuthenticationProvider(dao, limiter));
        super.configure(http);
        setLoginView(http, LoginView.class);
    }
}
