package io.github.linkroute.publisher.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The spool directory, created if need be, and a lock file in it: one process per spool. */
final class SpoolLock {

    static final String LOCK_FILE = "spool.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private SpoolLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws SpoolException naming the directory when it cannot be created or written, or another
     *         process holds it
     */
    static SpoolLock take(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SpoolUnavailableException("spool directory " + dir + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new SpoolUnavailableException("spool directory " + dir + " is not writable");
        }
        FileChannel channel = null;
        FileLock lock = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new SpoolException("spool directory " + dir + " cannot be locked: " + e, e);
        }
        if (lock == null) {
            close(channel);
            throw new SpoolException("spool directory " + dir + " is in use by another process (it holds "
                    + dir.resolve(LOCK_FILE) + "); give each instance its own publisher.spool.dir");
        }
        return new SpoolLock(channel, lock);
    }

    void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
