/**
 * A description the model refuses: every problem, each naming the field, the value and what is
 * allowed. (Not exported to the other jsii languages, which cannot subclass Error: Python sees
 * the message in jsii's error.)
 */
export class ModelError extends Error {
  /** Each problem, as a sentence. */
  public readonly problems: string[];

  /**
   * @param source what was read: a file or a service's name
   * @param problems one sentence each
   */
  constructor(source: string, problems: string[]) {
    super(problems.length === 1
      ? `${source}: ${problems[0]}`
      : `${source}: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ModelError';
    this.problems = problems;
    Object.setPrototypeOf(this, ModelError.prototype);
  }
}
