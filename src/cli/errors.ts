/** Bad input a person can fix: printed as one line, exit code 2, no output file. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
