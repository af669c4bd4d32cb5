package dev.conch.editor.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RecentFilesTest {
    @TempDir
    Path dir;

    @Test
    void newestFirstNoDuplicatesAtMostTenAndMissingFilesLeftOut() throws Exception {
        RecentFiles recent = new RecentFiles(dir.resolve("sub/recent-files"));
        assertEquals(List.of(), recent.list(), "no file yet: an empty list");
        Path[] nets = new Path[12];
        for (int i = 0; i < nets.length; i++) nets[i] = Files.writeString(dir.resolve("n" + i + ".xml"), "<network/>");
        recent.add(nets[0]);
        recent.add(nets[1]);
        recent.add(nets[0]);
        assertEquals(List.of(nets[0], nets[1]), recent.list());
        for (Path p : nets) recent.add(p);
        List<Path> list = new RecentFiles(dir.resolve("sub/recent-files")).list(); // read back by another instance
        assertEquals(RecentFiles.MAX, list.size());
        assertEquals(nets[11], list.get(0));
        assertEquals(nets[2], list.get(9));
        Files.delete(nets[5]);
        assertFalse(recent.list().contains(nets[5]), "a deleted file is not offered");
        assertEquals(9, recent.list().size());
    }

    @Test
    void theDropOpensTheFirstXml() {
        assertEquals(new File("b.xml"), NetworkDrop.network(List.of(new File("a.wav"), new File("b.xml"), new File("c.XML"))).orElseThrow());
        assertTrue(NetworkDrop.network(List.of(new File("a.wav"))).isEmpty());
    }
}
