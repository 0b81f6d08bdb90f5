package io.tagforge.engine.job;

import java.sql.Connection;
import java.sql.SQLException;

/** A batch's writes, on the connection whose transaction also stores the job's checkpoint. */
@FunctionalInterface
public interface BatchWrite {
    void write(Connection connection) throws SQLException;
}
