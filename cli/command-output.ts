/** Where a command prints its lines: the terminal's stdout and stderr, or a test's collected lines. */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const TERMINAL: CommandOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };
