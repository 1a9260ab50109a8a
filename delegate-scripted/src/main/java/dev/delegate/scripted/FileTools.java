package dev.delegate.scripted;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** {@code read}, {@code write} and {@code edit}: real file operations in the working directory. */
final class FileTools {
  private static final int PREVIEW_LINES = 8;

  private final Session session;
  private final Screen screen;

  FileTools(Session session) {
    this.session = session;
    this.screen = session.screen;
  }

  void read(String path) {
    session.permissions.header(Tools.FS_READ);
    screen.line(" ● Reading file: " + path + ", all lines");
    File file = session.resolve(path);
    if (!file.isFile()) {
      screen.line(Ansi.RED + " ✗ File not found: " + path + Ansi.RESET);
      return;
    }
    try {
      byte[] bytes = Files.readAllBytes(file.toPath());
      screen.print(Tools.preview(new String(bytes, StandardCharsets.UTF_8), "    ", PREVIEW_LINES));
      screen.line(Ansi.GREEN + " ✓ Read " + bytes.length + " bytes from " + path + Ansi.RESET);
    } catch (IOException e) {
      failed("read", path, e);
    }
  }

  void write(String path, String content) {
    String details =
        " ● Path: " + path + Ansi.CRLF + Tools.preview(content, "    + ", PREVIEW_LINES);
    if (!session.permissions.request(Tools.FS_WRITE, details)) {
      return;
    }
    File file = session.resolve(path);
    boolean existed = file.exists();
    try {
      store(file, content);
      String verb = existed ? " ✓ Replaced " : " ✓ Created ";
      screen.line(Ansi.GREEN + verb + path + " (" + utf8Length(content) + " bytes)" + Ansi.RESET);
    } catch (IOException e) {
      failed("write", path, e);
    }
  }

  void edit(String path, String find, String replace) {
    String details =
        " ● Path: "
            + path
            + Ansi.CRLF
            + Tools.preview(find, "    - ", PREVIEW_LINES)
            + Tools.preview(replace, "    + ", PREVIEW_LINES);
    if (!session.permissions.request(Tools.FS_WRITE, details)) {
      return;
    }
    File file = session.resolve(path);
    try {
      if (!file.isFile()) {
        screen.line(Ansi.RED + " ✗ Cannot edit " + path + ": file not found" + Ansi.RESET);
        return;
      }
      String content = Files.readString(file.toPath(), StandardCharsets.UTF_8);
      int at = find.isEmpty() ? -1 : content.indexOf(find);
      if (at < 0) {
        screen.line(
            Ansi.RED
                + " ✗ Cannot edit "
                + path
                + ": the text to replace was not found"
                + Ansi.RESET);
        return;
      }
      store(file, content.substring(0, at) + replace + content.substring(at + find.length()));
      screen.line(Ansi.GREEN + " ✓ Updated " + path + " (replaced 1 occurrence)" + Ansi.RESET);
    } catch (IOException e) {
      failed("edit", path, e);
    }
  }

  /** Writes UTF-8 text, making parent folders first. */
  static void store(File file, String content) throws IOException {
    File parent = file.getAbsoluteFile().getParentFile();
    if (parent != null) {
      Files.createDirectories(parent.toPath());
    }
    Files.write(file.toPath(), content.getBytes(StandardCharsets.UTF_8));
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private void failed(String action, String path, IOException e) {
    screen.line(Ansi.RED + " ✗ Cannot " + action + " " + path + ": " + e + Ansi.RESET);
  }
}
