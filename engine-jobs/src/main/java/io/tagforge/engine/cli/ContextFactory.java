package io.tagforge.engine.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Gives each command that has a constructor taking {@link AppContext} the one context of this run. */
final class ContextFactory implements CommandLine.IFactory {

    private final AppContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(AppContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            Constructor<K> constructor = cls.getDeclaredConstructor(AppContext.class);
            constructor.setAccessible(true);
            return constructor.newInstance(context);
        } catch (NoSuchMethodException e) {
            return fallback.create(cls);
        }
    }
}
