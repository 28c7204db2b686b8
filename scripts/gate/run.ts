import { spawn } from "node:child_process";
import * as path from "node:path";

/** The project that owns the gate's tools (node_modules/.bin), even when the gate checks a copy elsewhere. */
export const TOOL_ROOT = path.resolve(__dirname, "..", "..");

export function bin(name: string): string {
  return path.join(TOOL_ROOT, "node_modules", ".bin", name);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell (no quoting surprises) and collects its output. Never throws on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...quietSalesforceCli(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"]
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs)
      : undefined;
    child.on("error", (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout,
        stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr
      });
    });
  });
}

/** The sf CLI must never update itself, phone home or nag inside the gate or CI. */
export function quietSalesforceCli(): Record<string, string> {
  return {
    SF_DISABLE_AUTOUPDATE: "true",
    SF_DISABLE_TELEMETRY: "true",
    SF_SKIP_NEW_VERSION_CHECK: "true",
    SF_AUTOUPDATE_DISABLE: "true"
  };
}

/** Path relative to root with forward slashes, as every finding reports it. */
export function relativeToRoot(root: string, file: string): string {
  return path
    .relative(root, path.resolve(root, file))
    .split(path.sep)
    .join("/");
}
