package io.tagforge.engine.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Builds commands for parsing only, before the application context exists: a command whose constructor
 * takes collaborators gets nulls for them. These instances are never run; the context builds the ones that
 * are.
 */
final class ParseOnlyFactory implements CommandLine.IFactory {

    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Constructor<?>[] constructors = cls.getDeclaredConstructors();
        if (constructors.length != 1 || constructors[0].getParameterCount() == 0) {
            return fallback.create(cls);
        }
        Constructor<?> constructor = constructors[0];
        constructor.setAccessible(true);
        return cls.cast(constructor.newInstance(new Object[constructor.getParameterCount()]));
    }
}
