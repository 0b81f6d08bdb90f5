package io.tagforge.labelsystem.tag;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A row of table tag_name: a surface form of a tag in one language (the primary name, a synonym, a translation). */
@Entity
@Table(name = "tag_name")
public class TagNameEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tag_id")
    private TagEntity tag;

    private String form;

    private String language;

    @Convert(converter = SourceCode.class)
    private NameSource source;

    protected TagNameEntity() {
    }

    TagNameEntity(TagEntity tag, String form, String language, NameSource source) {
        this.tag = tag;
        this.form = form;
        this.language = language;
        this.source = source;
    }

    /** a new name's id once it is flushed; before, it sorts after the stored ones */
    int id() {
        return id == null ? Integer.MAX_VALUE : id;
    }

    public String form() {
        return form;
    }

    void setForm(String form) {
        this.form = form;
    }

    public String language() {
        return language;
    }

    public NameSource source() {
        return source;
    }

    public TagName toTagName() {
        return new TagName(form, language, source);
    }

    /** source as its smallint code */
    static final class SourceCode implements AttributeConverter<NameSource, Short> {
        @Override
        public Short convertToDatabaseColumn(NameSource source) {
            return source == null ? null : source.code();
        }

        @Override
        public NameSource convertToEntityAttribute(Short code) {
            return code == null ? null : NameSource.ofCode(code);
        }
    }
}
