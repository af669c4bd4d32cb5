package dev.conch.cli.properties;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Parts of the generator that reach bugs being fixed elsewhere at the time of writing (issue 14): off by default so
 * the suite is green, on with {@code -Dconch.properties.features=DANGLING_BRANCHES,SPECTRAL_LOOPS} (or {@code all}) to
 * check a fix. When a fix lands, its feature joins {@link #ON_BY_DEFAULT}.
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

    static final EnumSet<Feature> ON_BY_DEFAULT = EnumSet.noneOf(Feature.class);

    /** The features this run generates. */
    static Set<Feature> enabled() {
        String prop = System.getProperty("conch.properties.features", "").trim();
        Set<Feature> on = EnumSet.copyOf(ON_BY_DEFAULT);
        if (prop.equalsIgnoreCase("all")) return EnumSet.allOf(Feature.class);
        for (String name : prop.split(",")) {
            if (!name.isBlank()) on.add(Feature.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        return on;
    }
}
