package dev.articles.lambdaruntime;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Ends this JVM when the process that started it dies, however it dies (SIGKILL and the OOM killer included):
 * the parent holds the write end of our stdin pipe, which the OS closes when the parent exits, so a read of
 * stdin returns end-of-file. The same on Linux, macOS and Windows, with no polling of process ids. As a main
 * class it guards another one: {@code ExitWithParent MAIN_CLASS [ARGUMENTS...]}.
 */
public final class ExitWithParent {

    /** The exit code of a JVM whose parent is gone (128 + SIGHUP, what a shell reports for a hung-up child). */
    public static final int PARENT_GONE = 129;

    private ExitWithParent() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ExitWithParent MAIN_CLASS [ARGUMENTS...]");
            System.exit(2);
        }
        watchStdin(() -> { });
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Exits (running shutdown hooks) once stdin reaches end-of-file. Only for a process whose stdin is a pipe
     * from its parent: on a terminal it would swallow what is typed.
     *
     * @param beforeExit runs first: what differs between an orphan's exit and an ordinary one
     */
    public static void watchStdin(Runnable beforeExit) {
        Thread.ofPlatform().daemon().name("exit-with-parent").start(() -> {
            byte[] discard = new byte[256];
            try (InputStream in = new FileInputStream(FileDescriptor.in)) {
                while (in.read(discard) >= 0) {
                    // nothing is ever written: we only wait for the parent's end of the pipe to close
                }
            } catch (IOException closed) {
                // a broken pipe means the same as end-of-file
            }
            beforeExit.run();
            System.exit(PARENT_GONE);
        });
    }
}
