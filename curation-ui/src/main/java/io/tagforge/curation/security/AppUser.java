package io.tagforge.curation.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A row of table app_user with its roles (table user_role): who may sign in, and to which pages. */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    private boolean enabled = true;

    // a user has one to three roles, read with the user every time
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    private Set<String> roles = new TreeSet<>();

    protected AppUser() {
    }

    AppUser(String username, String passwordHash, Collection<String> roles) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles.addAll(roles);
    }

    public int id() {
        return id;
    }

    public String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    public boolean enabled() {
        return enabled;
    }

    /** the roles by name */
    public List<String> roles() {
        return List.copyOf(new TreeSet<>(roles));
    }

    void update(Collection<String> newRoles, boolean enabled) {
        this.enabled = enabled;
        roles.retainAll(newRoles);
        roles.addAll(newRoles);
    }
}
