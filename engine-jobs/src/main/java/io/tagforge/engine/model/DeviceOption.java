package io.tagforge.engine.model;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --device cpu|gpu|gpu:N|auto}. */
public final class DeviceOption implements ITypeConverter<ModelDevice> {

    @Override
    public ModelDevice convert(String value) {
        try {
            return ModelDevice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
