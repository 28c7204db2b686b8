/**
 * The contract between the gate runner (gate.ts) and each check in ./checks.
 * A check never exits the process and never prints findings itself: it returns them, and the runner reports.
 */
export interface Finding {
  /** Name of the check that produced the finding (e.g. "apex-semantic"). */
  check: string;
  /** Path relative to the project root, with forward slashes. Every finding about a file must set it. */
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export interface CheckContext {
  /** Absolute path of the project being checked (the repo, or a temp copy in the planted-defect test). */
  root: string;
  /** Progress output for humans; never used for findings. */
  log: (message: string) => void;
}

export interface Check {
  /** Short, stable id used by `npm test -- --only <name>` and in every finding. */
  name: string;
  /** One line: what the check proves. */
  description: string;
  run(ctx: CheckContext): Promise<Finding[]>;
}
