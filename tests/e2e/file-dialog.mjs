// The system file dialog the app opens from Rust (the window itself cannot open one), answered as a
// person would: file-dialog.py finds it over the accessibility bus, fills in the path, reads it back
// and presses the button, each step waiting for what it needs.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const script = join(import.meta.dirname, "file-dialog.py");

/**
 * Waits for the file dialog titled `title`, picks `path` in it ("--as-suggested" keeps the name it
 * suggests, "--cancel" cancels), says Replace when GTK asks with `replace`, and resolves once the
 * dialog is gone, with what the script printed (the suggested name).
 */
export async function answerFileDialog(title, path, { replace = false } = {}) {
  const args = [title, path, ...(replace ? ["--replace"] : [])];
  const { stdout } = await promisify(execFile)(script, args, { timeout: 60_000 });
  return stdout.trim();
}
