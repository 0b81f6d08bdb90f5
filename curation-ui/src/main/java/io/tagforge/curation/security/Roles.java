package io.tagforge.curation.security;

/** The three roles of table user_role; service methods and views name them in @RolesAllowed. */
public final class Roles {

    /** Reviews flagged tags. */
    public static final String ANNOTATOR = "ANNOTATOR";
    /** Shapes the ontology and releases, exports. */
    public static final String CURATOR = "CURATOR";
    /** Manages users, datasets and jobs. */
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
