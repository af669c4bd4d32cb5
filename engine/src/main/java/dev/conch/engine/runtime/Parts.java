package dev.conch.engine.runtime;

/**
 * Who runs the parts of a block a processor splits ({@link Processor#runParts}): {@link #SERIAL}, the calling thread
 * in order, unless a {@link ParallelRunner} with workers has given the processor one of its own.
 */
abstract class Parts {
    /** One thread: every part on the calling thread, in order. */
    static final Parts SERIAL = new Parts() {
        @Override
        int threads() {
            return 1;
        }

        @Override
        void run(Processor processor, int count) {
            for (int k = 0; k < count; k++) processor.part(k, count);
        }
    };

    /** Threads that may run a part at once, the calling one included. */
    abstract int threads();

    /** Runs {@code processor.part(k, count)} for every k below {@code count}, returning once all have run. */
    abstract void run(Processor processor, int count);

    /**
     * For tests: reports {@code threads} threads but runs every part on the calling thread, the last first, so a
     * part that relied on another having run before it (or on its own place in the order) shows in the output.
     */
    static Parts backwards(int threads) {
        return new Parts() {
            @Override
            int threads() {
                return threads;
            }

            @Override
            void run(Processor processor, int count) {
                for (int k = count - 1; k >= 0; k--) processor.part(k, count);
            }
        };
    }
}
