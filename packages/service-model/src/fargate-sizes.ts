/**
 * The CPU/memory pairs Fargate accepts for a Linux task, from the ECS documentation's task
 * size table. A task definition with any other pair is refused when it deploys, so the model
 * refuses it when it is written.
 */
export class FargateSizes {
  /** Every CPU value Fargate accepts, in units (1024 = one vCPU). */
  public static readonly CPU_UNITS: number[] = [256, 512, 1024, 2048, 4096, 8192, 16384];

  /**
   * The memory values (MiB) Fargate accepts with a CPU value; empty for an unknown CPU value.
   *
   * @param cpu CPU units, e.g. 1024
   */
  public static memoryOptions(cpu: number): number[] {
    switch (cpu) {
      case 256: return [512, 1024, 2048];
      case 512: return range(1024, 4096, 1024);
      case 1024: return range(2048, 8192, 1024);
      case 2048: return range(4096, 16384, 1024);
      case 4096: return range(8192, 30720, 1024);
      case 8192: return range(16384, 61440, 4096);
      case 16384: return range(32768, 122880, 8192);
      default: return [];
    }
  }

  /**
   * Whether Fargate runs a task of this size.
   *
   * @param cpu CPU units
   * @param memoryLimitMiB memory in MiB
   */
  public static isValid(cpu: number, memoryLimitMiB: number): boolean {
    return FargateSizes.memoryOptions(cpu).includes(memoryLimitMiB);
  }

  /**
   * The allowed memory values of a CPU value, written compactly for error messages,
   * e.g. `2048-8192 in steps of 1024`.
   *
   * @param cpu CPU units
   */
  public static describeMemoryOptions(cpu: number): string {
    const options = FargateSizes.memoryOptions(cpu);
    if (options.length <= 3) {
      return options.join(', ');
    }
    return `${options[0]}-${options[options.length - 1]} in steps of ${options[1] - options[0]}`;
  }

  private constructor() {}
}

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) {
    values.push(v);
  }
  return values;
}
