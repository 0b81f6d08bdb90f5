package schemafixture;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A planted mismatch for EntitySchemaTest: table tag has no column "label". Outside io.tagforge, so that no
 * real context scans it.
 */
@Entity
@Table(name = "tag")
public class MismappedTag {

    @Id
    private Integer id;

    @Column(name = "label")
    private String label;
}
