package dev.delegate.agent.pool;

import dev.delegate.agent.session.OutputTap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's raw terminal output, byte for byte, written as it arrives. A job that runs again (a
 * retry) appends to the same file, so no attempt's output is lost.
 */
final class Transcript implements OutputTap, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Transcript.class);

  private final Path file;
  private final FileChannel channel;
  private boolean failed;

  private Transcript(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  static Transcript open(Path directory, String jobId) throws IOException {
    return open(directory, jobId, ".log");
  }

  /** The job's file with another ending, e.g. {@code .acp.jsonl} for the protocol's lines. */
  static Transcript open(Path directory, String jobId, String suffix) throws IOException {
    Files.createDirectories(directory);
    String name = fileName(jobId);
    Path file = directory.resolve(name.substring(0, name.length() - ".log".length()) + suffix);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new Transcript(file, channel);
  }

  /** A file name made only of safe characters, whatever the job id holds. */
  static String fileName(String jobId) {
    String safe = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.startsWith(".")) {
      safe = "job" + safe;
    }
    return safe + ".log";
  }

  Path file() {
    return file;
  }

  @Override
  public synchronized void write(byte[] raw, int length) {
    if (failed) {
      return;
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(raw, 0, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      failed = true;
      LOG.warn("transcript {} stopped: {}", file, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("transcript {} not closed cleanly: {}", file, e.toString());
    }
  }
}
