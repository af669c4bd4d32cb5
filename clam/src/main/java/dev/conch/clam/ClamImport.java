package dev.conch.clam;

import dev.conch.engine.model.NetworkSpec;

/**
 * A CLAM network as Conch reads it: the network (without whatever was refused) and the report saying what became
 * what. Whether a network with refusals may be used is the caller's choice ({@code --partial}).
 */
public record ClamImport(NetworkSpec spec, ImportReport report) {
}
