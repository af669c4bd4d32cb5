package dev.conch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** What the Flink runner says when Hadoop's file systems meet a Java that refuses them. */
class FlinkRunnerTest {
    @Test
    void hadoopsGetSubjectOnJava24AndNewerIsSaidAsWhatToDo() {
        // as Hadoop's S3 file system failed here on Temurin 25, wrapped by Flink's file system factory
        Throwable e = new IOException("could not create the file system",
                new UnsupportedOperationException("getSubject is not supported"));
        assertEquals("Hadoop's file systems (S3 through flink-s3-fs-hadoop, HDFS) do not run on Java "
                + Runtime.version().feature() + ": they call Subject.getSubject, which Java 24 and newer refuse; "
                + "run the Flink runner on Java 17 or 21 (CONCH_JAVA=/path/to/java)", FlinkRunner.javaTooNew(e));
    }

    @Test
    void otherFailuresAreLeftAsTheyAre() {
        assertNull(FlinkRunner.javaTooNew(new IOException("bucket not found")));
        assertNull(FlinkRunner.javaTooNew(new UnsupportedOperationException("append")));
    }
}
