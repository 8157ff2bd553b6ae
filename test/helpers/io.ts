/** Runs the command in-process with captured output, the way a terminal or a pipe would. */
import { PassThrough, Writable } from "node:stream";
import { main } from "../../src/cli/main";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = "";
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function runCli(args: string[], opts: { input?: string; tty?: boolean } = {}): Promise<Run> {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = opts.tty ?? false;
  stdin.end(opts.input ?? "");
  const code = await main(args, { stdin, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
