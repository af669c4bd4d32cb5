package dev.conch.engine.driver.jack;

import dev.conch.engine.driver.AudioCallback;

import java.io.IOException;

/**
 * Run in a child JVM by {@link JackDriverTest} with JACK_DEFAULT_SERVER naming a server that does not exist:
 * prints the driver's start error on stdout and exits 0; exits 2 if a client opened anyway.
 */
public final class NoJackServerProbe {
    private NoJackServerProbe() {
    }

    public static void main(String[] args) {
        JackDriver driver = new JackDriver(2);
        try {
            driver.start(new AudioCallback() {
                public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
                }

                public boolean process(float[][] in, float[][] out, int frames) {
                    return true;
                }

                public void shutdown() {
                }
            });
        } catch (IOException e) {
            System.out.println(e.getMessage());
            System.exit(0);
        }
        driver.stop();
        System.out.println("started: " + driver.describe());
        System.exit(2);
    }
}
