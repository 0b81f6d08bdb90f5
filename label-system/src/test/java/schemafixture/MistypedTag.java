package schemafixture;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A planted mismatch for EntitySchemaTest: tag.deprecated is a boolean, not a number. */
@Entity
@Table(name = "tag")
public class MistypedTag {

    @Id
    private Integer id;

    private long deprecated;
}
