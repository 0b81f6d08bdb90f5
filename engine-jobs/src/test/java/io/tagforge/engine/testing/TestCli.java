package io.tagforge.engine.testing;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.cli.CliApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The CLI's application context on the test database; the caller closes it. */
public final class TestCli {

    private TestCli() {
    }

    public static ConfigurableApplicationContext context() {
        return CliApplication.start(Map.of("tagforge.db.url", TestDatabase.get().url()));
    }

    /** With RAM's tag lists and the demo data looked for under {@code shared}. */
    public static ConfigurableApplicationContext context(Path shared) {
        Map<String, Object> properties = new HashMap<>(Map.of("tagforge.db.url", TestDatabase.get().url()));
        properties.put("tagforge.shared", shared.toString());
        return CliApplication.start(properties);
    }
}
