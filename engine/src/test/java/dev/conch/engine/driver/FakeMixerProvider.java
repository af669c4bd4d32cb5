package dev.conch.engine.driver;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.function.IntUnaryOperator;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import javax.sound.sampled.spi.MixerProvider;

/**
 * Devices for Java Sound made in the test (registered in META-INF/services). A mixer named {@value #NAME} with
 * only a SourceDataLine (no capture), which keeps every byte written, the format it was opened with, and answers
 * {@code available()} as the test says. And a mixer named {@value #DUPLEX_NAME} whose capture and playback lines
 * are those of the {@link SimulatedDuplexDevice} in {@link #duplex}. Only the methods a driver calls do anything.
 */
public final class FakeMixerProvider extends MixerProvider {
    static final String NAME = "Conch Test Line";
    static final String DUPLEX_NAME = "Conch Test Duplex";
    private static final Mixer.Info INFO = new Mixer.Info(NAME, "Conch tests", "a fake output line", "1") {
    };
    private static final Mixer.Info DUPLEX_INFO = new Mixer.Info(DUPLEX_NAME, "Conch tests",
            "a simulated capture and playback device", "1") {
    };

    /** The device behind {@value #DUPLEX_NAME}'s lines; set before the driver starts. */
    static volatile SimulatedDuplexDevice duplex = new SimulatedDuplexDevice(1, 1, 0);

    /** What the last line opened was given, and what it holds. */
    static final class Capture {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile AudioFormat format;
        volatile int bufferSize = -1;
        volatile boolean started, stopped, closed;
    }

    /** What a line's available() answers, given its buffer size; set before the driver starts. */
    static volatile IntUnaryOperator available = size -> 0;

    static volatile Capture last = new Capture();

    @Override
    public Mixer.Info[] getMixerInfo() {
        return new Mixer.Info[] {INFO, DUPLEX_INFO};
    }

    @Override
    public Mixer getMixer(Mixer.Info info) {
        if (info == DUPLEX_INFO) return duplexMixer();
        if (info != INFO) throw new IllegalArgumentException("not this provider's mixer: " + info);
        return (Mixer) Proxy.newProxyInstance(Mixer.class.getClassLoader(), new Class<?>[] {Mixer.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "getMixerInfo": return INFO;
                case "getSourceLineInfo":
                    return a == null || ((Line.Info) a[0]).getLineClass() == SourceDataLine.class
                            ? new Line.Info[] {new DataLine.Info(SourceDataLine.class, null)} : new Line.Info[0];
                case "getTargetLineInfo": return new Line.Info[0];
                case "isLineSupported": return ((Line.Info) a[0]).getLineClass() == SourceDataLine.class;
                case "getLine": return line();
                case "getMaxLines": return 1;
                case "hashCode": return System.identityHashCode(p);
                case "equals": return p == a[0];
                case "toString": return NAME;
                default: return defaultValue(m.getReturnType());
            }
        });
    }

    private static Mixer duplexMixer() {
        return (Mixer) Proxy.newProxyInstance(Mixer.class.getClassLoader(), new Class<?>[] {Mixer.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "getMixerInfo": return DUPLEX_INFO;
                case "getSourceLineInfo":
                    return a == null || ((Line.Info) a[0]).getLineClass() == SourceDataLine.class
                            ? new Line.Info[] {new DataLine.Info(SourceDataLine.class, null)} : new Line.Info[0];
                case "getTargetLineInfo":
                    return a == null || ((Line.Info) a[0]).getLineClass() == TargetDataLine.class
                            ? new Line.Info[] {new DataLine.Info(TargetDataLine.class, null)} : new Line.Info[0];
                case "isLineSupported":
                    Class<?> c = ((Line.Info) a[0]).getLineClass();
                    return c == SourceDataLine.class || c == TargetDataLine.class;
                case "getLine":
                    return ((Line.Info) a[0]).getLineClass() == TargetDataLine.class ? duplex.capture
                            : duplex.playback;
                case "getMaxLines": return 1;
                case "hashCode": return System.identityHashCode(p);
                case "equals": return p == a[0];
                case "toString": return DUPLEX_NAME;
                default: return defaultValue(m.getReturnType());
            }
        });
    }

    private static SourceDataLine line() {
        Capture c = new Capture();
        last = c;
        return (SourceDataLine) Proxy.newProxyInstance(SourceDataLine.class.getClassLoader(),
                new Class<?>[] {SourceDataLine.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "open":
                            if (a != null && a.length >= 1) c.format = (AudioFormat) a[0];
                            if (a != null && a.length == 2) c.bufferSize = (Integer) a[1];
                            return null;
                        case "getFormat": return c.format;
                        case "getBufferSize": return c.bufferSize;
                        case "available": return available.applyAsInt(c.bufferSize);
                        case "write":
                            synchronized (c.written) {
                                c.written.write((byte[]) a[0], (Integer) a[1], (Integer) a[2]);
                            }
                            return a[2];
                        case "start": c.started = true; return null;
                        case "stop": c.stopped = true; return null;
                        case "close": c.closed = true; return null;
                        case "isOpen": return c.format != null && !c.closed;
                        case "hashCode": return System.identityHashCode(p);
                        case "equals": return p == a[0];
                        case "toString": return NAME + " line";
                        default: return defaultValue(m.getReturnType());
                    }
                });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) return false;
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        if (type == float.class) return 0f;
        if (type == double.class) return 0.0;
        return null;
    }
}
