package dev.conch.engine.testing;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.SplittableRandom;

/** Renders a network's output channel 0 (or all channels) through the engine, in fixed or random block sizes. */
public final class Render {
    private Render() {
    }

    public static float[][] render(NetworkSpec spec, ProcessorRegistry registry, int maxBlock, int frames,
                                   SplittableRandom randomBlocks) throws NetworkException {
        CompiledNetwork net = NetworkCompiler.compile(spec, registry, maxBlock);
        Engine engine = new Engine(net);
        int channels = Math.max(1, engine.outputChannels());
        float[][] result = new float[channels][frames];
        float[][] block = new float[channels][maxBlock];
        for (int done = 0; done < frames; ) {
            int n = Math.min(frames - done, randomBlocks == null ? maxBlock : 1 + randomBlocks.nextInt(maxBlock));
            engine.process(block, n);
            for (int c = 0; c < channels; c++) System.arraycopy(block[c], 0, result[c], done, n);
            done += n;
        }
        if (engine.overflowed()) throw new AssertionError("a stream overflowed");
        return result;
    }

    public static float[] channel0(NetworkSpec spec, ProcessorRegistry registry, int maxBlock, int frames)
            throws NetworkException {
        return render(spec, registry, maxBlock, frames, null)[0];
    }
}
