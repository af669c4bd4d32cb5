package dev.conch.engine.model;

/**
 * One thing wrong with a network, located for the person who wrote it.
 *
 * @param node  the node id concerned, or null
 * @param port  the port or param concerned, or null
 */
public record Problem(Location location, String node, String port, String message) {

    /**
     * {@code 12:5: node 'shape', port 'in': nothing is connected to this required input}; for what a sub-network
     * brought in, the place in its file follows: {@code (in library/bell-voice.xml:8:3)}.
     */
    public String describe() {
        return (location.known() ? location.line() + ":" + location.column() : "-") + ": " + sentence();
    }

    /**
     * The problem without its file location ({@code node 'shape', 'in': nothing is connected ...}): what an editor
     * says, whose network has moved on from the lines of the file it was read from.
     */
    public String sentence() {
        StringBuilder sb = new StringBuilder();
        if (node != null) {
            sb.append("node '").append(dev.conch.engine.runtime.Text.clip(node)).append('\'');
            if (port != null && !port.isEmpty()) sb.append(", '").append(dev.conch.engine.runtime.Text.clip(port)).append('\'');
            sb.append(": ");
        }
        sb.append(message);
        if (location.inside() != null) sb.append(" (in ").append(location.inside()).append(')');
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
