package dev.articles.dynalite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Tells whether a LevelDB data dir is open in another process. LevelDB holds an fcntl lock on the dir's LOCK
 * file while open; a second dynalite on the same dir starts anyway and fails on its first request, so we ask
 * the lock first. Java's FileChannel locks are the same fcntl locks, so a held one shows up here.
 */
final class DataDirLock {

    private DataDirLock() {
    }

    static void requireFree(Path dataDir) {
        if (isHeld(dataDir)) {
            throw inUse(dataDir);
        }
    }

    /**
     * Waits until the dynalite just started holds the dir: it listens on its port before LevelDB has opened the
     * dir, and until then a second dynalite on the same dir would not be refused. Gives up quietly after the
     * timeout (the lock is a guard, not what makes the engine work).
     */
    static void awaitHeld(Path dataDir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isHeld(dataDir) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean isHeld(Path dataDir) {
        Path lockFile = dataDir.resolve("LOCK");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check whether " + dataDir + " is in use", e);
        }
    }

    private static IllegalStateException inUse(Path dataDir) {
        return new IllegalStateException("the data dir " + dataDir + " is in use by another dynalite (another `serve` "
                + "or test run?): stop that one, or use another --data-dir or --in-memory");
    }
}
