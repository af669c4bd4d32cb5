package dev.conch.cli.properties;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Parts of the generator that each reached a bug of issue 14 when they were written (each described below, all fixed
 * since). All are on by default; {@code -Dconch.properties.features=none} turns them off, or a list such as
 * {@code DANGLING_BRANCHES,SPECTRAL_LOOPS} picks some, to narrow down a new failure.
 */
enum Feature {
    /** A node whose output feeds nothing: validates, then Schedule.take throws ArrayIndexOutOfBoundsException. */
    DANGLING_BRANCHES,
    /** A feedback loop through STFT → spectral node → ISTFT → Delay: renders differently at different block sizes. */
    SPECTRAL_LOOPS,
    /** Automation or a control on a param of a Delay that closes a loop: silently ignored. */
    LOOP_DELAY_MODULATION,
    /** GrainStream at blocks of 500 and more: differs from smaller blocks in one or two samples. */
    GRAINS_AT_LARGE_BLOCKS,
    /**
     * Automation or a control on a per-block param (Oscillator.waveform, AudioFileReader.seek, ...): found by these
     * tests, the change lands at the next block boundary, so the output depends on the block size
     * ({@code Regressions.automatedWaveformChangesAtTheBlockBoundary}).
     */
    BLOCK_RATE_MODULATION;

    static final EnumSet<Feature> ON_BY_DEFAULT = EnumSet.allOf(Feature.class);

    /** The features this run generates. */
    static Set<Feature> enabled() {
        String prop = System.getProperty("conch.properties.features", "").trim();
        if (prop.isEmpty() || prop.equalsIgnoreCase("all")) return EnumSet.copyOf(ON_BY_DEFAULT);
        Set<Feature> on = EnumSet.noneOf(Feature.class);
        if (prop.equalsIgnoreCase("none")) return on;
        for (String name : prop.split(",")) {
            if (!name.isBlank()) on.add(Feature.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        return on;
    }
}
