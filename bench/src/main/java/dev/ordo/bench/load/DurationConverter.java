package dev.ordo.bench.load;

import dev.ordo.sdk.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations the way Ordo's tools write them ({@link DurationText}: 500ms, 30s, 2m, 1h or whole seconds). */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return DurationText.parse(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not a duration; write e.g. 500ms, 30s, 2m, 1h or 30"));
    }

    /** The shortest form of {@code duration}, for reports. */
    public static String format(Duration duration) {
        return DurationText.format(duration);
    }
}
