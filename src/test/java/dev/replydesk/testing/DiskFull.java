package dev.replydesk.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:diskfull:/path/db}) over the real disk whose writes can be
 * made to fail the way a full disk fails them: {@code IOException: No space left on device}.
 * H2 instantiates file systems by reflection, so the switch is static; tests using it must not
 * run in parallel with each other.
 */
public final class DiskFull extends FilePathWrapper {
    private static final AtomicBoolean FULL = new AtomicBoolean();
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    public DiskFull() {
    }

    /** The JDBC URL of an H2 database named {@code replydesk} in {@code dir} on this file system. */
    public static String h2Url(Path dir) {
        if (REGISTERED.compareAndSet(false, true)) {
            FilePath.register(new DiskFull());
        }
        return "jdbc:h2:diskfull:" + dir.toAbsolutePath().resolve("replydesk").toString().replace('\\', '/');
    }

    /** From now on every write fails (true) or works again (false). */
    public static void full(boolean full) {
        FULL.set(full);
    }

    static void check() throws IOException {
        if (FULL.get()) {
            throw new IOException("No space left on device");
        }
    }

    @Override
    public String getScheme() {
        return "diskfull";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        check();
        return super.newOutputStream(append);
    }

    @Override
    public boolean createFile() {
        return !FULL.get() && super.createFile();
    }

    private static final class Channel extends FileBase {
        private final FileChannel base;

        Channel(FileChannel base) {
            this.base = base;
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            check();
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            check();
            return base.write(src, position);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            check();
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            check();
            base.force(metaData);
        }

        @Override
        public synchronized FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }
    }
}
