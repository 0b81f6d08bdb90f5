package io.tagforge.curation.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first start (no users yet) creates {@code admin} with every role, its password from
 * {@code TAGFORGE_ADMIN_PASSWORD} or generated and printed this once.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts accounts;
    private final String configuredPassword;

    AdminBootstrap(UserAccounts accounts,
                   @org.springframework.beans.factory.annotation.Value("${TAGFORGE_ADMIN_PASSWORD:}") String configuredPassword) {
        this.accounts = accounts;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean generated = configuredPassword.isBlank();
        String password = generated ? generatePassword() : configuredPassword;
        if (accounts.createFirstAdmin("admin", password)) {
            if (generated) {
                System.out.println("\n  Tagforge created user 'admin' with password: " + password
                        + "\n  (shown only this once; set TAGFORGE_ADMIN_PASSWORD to choose it)\n");
            } else {
                log.info("Created user 'admin' with the password from TAGFORGE_ADMIN_PASSWORD");
            }
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
