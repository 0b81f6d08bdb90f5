package io.tagforge.labelsystem.tag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.OptimisticLock;

/**
 * A row of table tag with its names, as curation changes it. {@link #version} is JPA's optimistic lock: every
 * change raises it, and an update whose version another transaction raised meanwhile fails instead of
 * overwriting. Read-only callers get the {@link Tag} record from {@link #toTag()}.
 */
@Entity
@Table(name = "tag")
public class TagEntity {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    private String name;

    @Convert(converter = KindCode.class)
    private TagKind kind;

    private float threshold;

    private String description;

    private boolean deprecated;

    @Column(name = "merged_into")
    private Integer mergedInto;

    @Version
    private int version;

    @Column(name = "updated_at")
    private Instant updatedAt;

    private Boolean detectable;

    // the version rises once per change, through changed(), not again for each name added or removed
    @OneToMany(mappedBy = "tag", cascade = CascadeType.ALL, orphanRemoval = true)
    @OptimisticLock(excluded = true)
    @OrderBy("id")
    private List<TagNameEntity> names = new ArrayList<>();

    protected TagEntity() {
    }

    /** A new tag with its primary English name. */
    public TagEntity(String name, TagKind kind, float threshold) {
        this.name = name;
        this.kind = kind;
        this.threshold = threshold;
        this.updatedAt = Instant.now();
        names.add(new TagNameEntity(this, name, "en", NameSource.PRIMARY));
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public TagKind kind() {
        return kind;
    }

    public boolean deprecated() {
        return deprecated;
    }

    public Integer mergedInto() {
        return mergedInto;
    }

    public int version() {
        return version;
    }

    public float threshold() {
        return threshold;
    }

    public Tag toTag() {
        return new Tag(id, name, kind, threshold, description, deprecated, mergedInto, version, detectable);
    }

    public List<TagNameEntity> names() {
        return names;
    }

    /** The name of {@code form} in {@code language}, if the tag has it. */
    public Optional<TagNameEntity> name(String form, String language) {
        return names.stream().filter(n -> n.form().equals(form) && n.language().equals(language)).findFirst();
    }

    public void addName(String form, String language, NameSource source) {
        names.add(new TagNameEntity(this, form, language, source));
    }

    /** Renames the tag and its primary English name. */
    public void rename(String newName) {
        name = newName;
        names.stream().filter(n -> n.source() == NameSource.PRIMARY && n.language().equals("en"))
                .forEach(n -> n.setForm(newName));
    }

    public void setThreshold(float threshold) {
        this.threshold = threshold;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public void setDetectable(Boolean detectable) {
        this.detectable = detectable;
    }

    public void deprecate() {
        deprecated = true;
    }

    /** The tag ends deprecated and merged into {@code targetId} (whose rows a merge moved there). */
    public void mergeInto(int targetId) {
        deprecated = true;
        mergedInto = targetId;
        changed();
    }

    /**
     * Counts a change: a change of the names alone leaves the row as it was, and this makes it dirty, so that
     * the version rises (and is checked) with every change.
     */
    public void changed() {
        updatedAt = Instant.now();
    }

    /**
     * The tag as the audit log keeps it, and as undo puts it back: its fields, version and names (by id). A
     * snapshot of a tag the persistence context has changed holds the new version only after a flush.
     */
    public String snapshot() {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", id).put("name", name).put("kind", kind.code()).put("threshold", threshold)
                .put("description", description).put("deprecated", deprecated).put("merged_into", mergedInto)
                .put("version", version).put("detectable", detectable);
        ArrayNode list = s.putArray("names");
        names.stream().sorted((a, b) -> Integer.compare(a.id(), b.id()))
                .forEach(n -> list.addObject().put("form", n.form()).put("language", n.language())
                        .put("source", n.source().code()));
        return s.toString();
    }

    /** kind as its smallint code */
    static final class KindCode implements AttributeConverter<TagKind, Short> {
        @Override
        public Short convertToDatabaseColumn(TagKind kind) {
            return kind == null ? null : kind.code();
        }

        @Override
        public TagKind convertToEntityAttribute(Short code) {
            return code == null ? null : TagKind.ofCode(code);
        }
    }
}
