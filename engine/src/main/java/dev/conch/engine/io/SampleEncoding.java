package dev.conch.engine.io;

/** How one sample is stored in the data of a file Conch reads. */
enum SampleEncoding {
    SIGNED, UNSIGNED, FLOAT, ULAW, ALAW
}
