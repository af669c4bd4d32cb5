package dev.conch.engine.driver;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a render pipelines a single chain ({@link OfflineRenderer#pipelinePays}). */
class PipelineChoiceTest {

    /**
     * P1 as measured here (benchmarks/README): 5 ns of work per frame, its evenest cut promising 1.76x (3.2 against
     * 4.2 ns), a whole core while measuring; pipelined it ran no faster, so it stays on one thread.
     */
    @Test
    void p1StaysOnOneThreadEvenOnIdleCores() {
        assertFalse(OfflineRenderer.pipelinePays(1.76, 5, 2, 1.0, 4096, 512));
    }

    @Test
    void aHeavyEvenChainIsPipelinedOnlyWithACoreToSpareAndPiecesEnough() {
        assertTrue(OfflineRenderer.pipelinePays(1.9, 200, 2, 0.95, 4096, 512));
        assertFalse(OfflineRenderer.pipelinePays(1.9, 200, 1, 0.95, 4096, 512), "one core");
        assertFalse(OfflineRenderer.pipelinePays(1.9, 200, 2, 0.5, 4096, 512), "a busy machine");
        assertFalse(OfflineRenderer.pipelinePays(1.9, 200, 2, 0.95, 512, 256), "two pieces a callback");
        assertFalse(OfflineRenderer.pipelinePays(1.1, 200, 2, 0.95, 4096, 512), "one stage holds nearly all the work");
    }
}
