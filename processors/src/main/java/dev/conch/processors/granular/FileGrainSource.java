package dev.conch.processors.granular;

/**
 * A file's samples, looped: a grain reading past the end continues at the start. The playhead is a position in
 * the file that moves at scan times real time; a grain starts at position·length + playhead, plus jitter·length
 * either way.
 */
final class FileGrainSource extends GrainSource {
    /** The shortest grain, in samples: the interpolator needs two. */
    private static final double SHORTEST = 2;

    FileGrainSource(float[] mono) {
        super(new double[mono.length + PAD], mono.length);
        for (int j = 0; j < mono.length; j++) data[j + 1] = mono[j];
        data[0] = mono[mono.length - 1];
        for (int j = 0; j < 3; j++) data[mono.length + 1 + j] = mono[j % mono.length];
    }

    @Override
    void beginBlock(float[] input, int frames) {
        // the file was loaded in prepare; the live input is not used
    }

    @Override
    double fitLength(double length, double ratio) {
        return length < SHORTEST ? SHORTEST : length;
    }

    @Override
    double firstRead(int n, double late, double length, double ratio, double position, double jitter, double u) {
        return position * this.length + playhead + jitter * this.length * u;
    }

    @Override
    double playheadStep(double scan) {
        return scan;
    }

    @Override
    double playheadWrap() {
        return length;
    }

    @Override
    boolean fadesOnRelease() {
        return true;
    }

    @Override
    double tailSeconds(double longestGrain) {
        return 0;
    }
}
