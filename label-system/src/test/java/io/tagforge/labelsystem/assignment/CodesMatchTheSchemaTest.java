package io.tagforge.labelsystem.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.tag.NameSource;
import io.tagforge.labelsystem.tag.TagKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each enum stored as a smallint names the same codes as the schema's code_name table (V1: "codes never change
 * meaning once released"): reordering a constant, or a migration adding a code the enum lacks, fails here.
 */
class CodesMatchTheSchemaTest {

    record Codes<E extends Enum<E>>(E[] values, ToIntFunction<E> code, IntFunction<E> ofCode) {
    }

    static Stream<Arguments> enums() {
        return Stream.of(
                Arguments.of("assignment_state",
                        new Codes<>(AssignmentState.values(), AssignmentState::code, AssignmentState::ofCode)),
                Arguments.of("assignment_source",
                        new Codes<>(AssignmentSource.values(), AssignmentSource::code, AssignmentSource::ofCode)),
                Arguments.of("flag_rule", new Codes<>(FlagRule.values(), FlagRule::code, FlagRule::ofCode)),
                Arguments.of("tag_kind", new Codes<>(TagKind.values(), TagKind::code, TagKind::ofCode)),
                Arguments.of("name_source", new Codes<>(NameSource.values(), NameSource::code, NameSource::ofCode)),
                Arguments.of("mapping_action",
                        new Codes<>(MappingAction.values(), MappingAction::code, MappingAction::ofCode)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    <E extends Enum<E>> void enumCodesAreTheSchemasCodes(String domain, Codes<E> codes) throws SQLException {
        Map<Integer, String> inSchema = new TreeMap<>();
        try (Connection c = TestDatabase.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT code, name FROM code_name WHERE domain = ?")) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inSchema.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        Map<Integer, String> inJava = new TreeMap<>();
        Arrays.stream(codes.values()).forEach(e -> inJava.put(codes.code().applyAsInt(e), e.name()));

        assertThat(inSchema).as("code_name rows of " + domain).isNotEmpty();
        assertThat(inJava).as("one code per constant").hasSize(codes.values().length);
        assertThat(inJava).isEqualTo(inSchema);
        Arrays.stream(codes.values())
                .forEach(e -> assertThat(codes.ofCode().apply(codes.code().applyAsInt(e))).isSameAs(e));
    }
}
