package io.tagforge.curation.security;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Users and roles from tables app_user and user_role. */
@Service
class AppUserDetailsService implements UserDetailsService {

    private final JdbcClient jdbc;

    AppUserDetailsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        record Row(int id, String passwordHash, boolean enabled) {
        }
        Row row = jdbc.sql("SELECT id, password_hash, enabled FROM app_user WHERE username = ?")
                .param(username).query(Row.class).optional()
                .orElseThrow(() -> new UsernameNotFoundException(username));
        List<SimpleGrantedAuthority> roles = jdbc.sql("SELECT role FROM user_role WHERE user_id = ?")
                .param(row.id()).query(String.class).list().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return User.withUsername(username).password(row.passwordHash()).disabled(!row.enabled())
                .authorities(roles).build();
    }
}
