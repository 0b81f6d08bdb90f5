package io.tagforge.labelsystem.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/** A frozen tag of a release (table release_tag): entry {@code idx} is training ID {@code idx}. */
@Entity
@Immutable
@Table(name = "release_tag")
@IdClass(ReleaseTagEntity.Key.class)
public class ReleaseTagEntity {

    @Id
    @Column(name = "release_id")
    private int releaseId;

    @Id
    private int idx;

    @Column(name = "tag_id")
    private int tagId;

    private String name;

    @Column(name = "name_zh")
    private String nameZh;

    private float threshold;

    @Column(name = "threshold_text")
    private String thresholdText;

    protected ReleaseTagEntity() {
    }

    public ReleaseEntry toEntry() {
        return new ReleaseEntry(idx, tagId, name, nameZh, threshold, thresholdText);
    }

    /** release and index */
    public static class Key implements Serializable {
        private int releaseId;
        private int idx;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.releaseId == releaseId && k.idx == idx;
        }

        @Override
        public int hashCode() {
            return Objects.hash(releaseId, idx);
        }
    }
}
