package dev.articles.dynalite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells whether a LevelDB data dir is open in another process. LevelDB holds an fcntl lock on the dir's LOCK
 * file while open; a second dynalite on the same dir starts anyway and fails on its first request, so we ask
 * the lock first. Java's FileChannel locks are the same fcntl locks, so a held one shows up here.
 */
final class DataDirLock {

    private DataDirLock() {
    }

    static void requireFree(Path dataDir) {
        Path lockFile = dataDir.resolve("LOCK");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check whether " + dataDir + " is in use", e);
        }
    }

    private static IllegalStateException inUse(Path dataDir) {
        return new IllegalStateException("the data dir " + dataDir + " is in use by another dynalite (another `serve` "
                + "or test run?): stop that one, or use another --data-dir or --in-memory");
    }
}
