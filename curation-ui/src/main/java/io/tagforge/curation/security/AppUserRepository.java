package io.tagforge.curation.security;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Users and their roles. */
public interface AppUserRepository extends JpaRepository<AppUser, Integer> {

    Optional<AppUser> findByUsername(String username);

    List<AppUser> findAllByOrderByUsername();

    /** Enabled users who have {@code role}. */
    @Query("SELECT count(u) FROM AppUser u JOIN u.roles r WHERE u.enabled = true AND r = :role")
    long countEnabledWithRole(String role);
}
