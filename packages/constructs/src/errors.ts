import { IConstruct } from 'constructs';

/**
 * A synth-time validation error of the platform: bad input caught before anything is
 * deployed. The message names the construct, the field, the value received and what is
 * allowed, e.g. `orders/Service: cpu must be one of 256, 512, ...; got 300`.
 */
export class PlatformError extends Error {
  /**
   * Throw when `condition` is false: a compact guard for one-field checks.
   *
   * @param scope the construct whose input is wrong
   * @param condition what must hold
   * @param message what is wrong and what is allowed
   */
  public static assert(scope: IConstruct | undefined, condition: boolean, message: string): void {
    if (!condition) {
      throw new PlatformError(scope, message);
    }
  }

  /**
   * Collect several problems and throw once, listing all of them.
   *
   * @param scope the construct whose input is wrong
   * @param problems one message per problem; nothing is thrown when empty
   */
  public static throwAll(scope: IConstruct | undefined, problems: string[]): void {
    if (problems.length === 1) {
      throw new PlatformError(scope, problems[0]);
    }
    if (problems.length > 1) {
      throw new PlatformError(scope, `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  }

  /** Path of the construct whose input was rejected (empty for input that is not a construct's). */
  public readonly constructPath: string;

  /**
   * @param scope the construct whose input is wrong, if it is a construct's
   * @param message what is wrong, the value received and what is allowed
   */
  constructor(scope: IConstruct | undefined, message: string) {
    super(scope ? `${scope.node.path || '<root>'}: ${message}` : message);
    this.name = 'PlatformError';
    this.constructPath = scope?.node.path ?? '';
    Object.setPrototypeOf(this, PlatformError.prototype);
  }
}
