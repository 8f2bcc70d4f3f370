// Output: the only way flows tell a person anything. Results go to stdout (a table, or exactly one
// JSON document under --json); progress, warnings and errors go to stderr.

export interface Output {
  /** A result for stdout (a table, a line). Never called under --json. */
  result(text: string): void;
  /** The one JSON document for stdout under --json. */
  json(document: unknown): void;
  /** Progress and notes on stderr (silent under --json unless `always`). */
  info(text: string): void;
  /** A warning on stderr (kept under --json: stdout stays clean). */
  warn(text: string): void;
  /** A success line on stderr. */
  success(text: string): void;
  /**
   * Runs `work` with a spinner on stderr, shown only after ~300 ms, only on a TTY, never under --json.
   * The spinner stops (with `label` marked done or failed) when `work` settles.
   */
  spin<T>(label: string, work: () => Promise<T>): Promise<T>;
}
