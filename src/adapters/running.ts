/** A started platform adapter, as `main` keeps it for shutdown. */
export interface RunningAdapter {
  /** Platform name for logs, e.g. `discord`. */
  readonly name: string;
  /** Stops taking work, finishes in-flight replies, closes connections. */
  stop(): Promise<void>;
}
