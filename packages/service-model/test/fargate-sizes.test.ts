import { FargateSizes } from '../src';

/**
 * The task sizes of the ECS documentation ("Task CPU and memory", Linux on Fargate), written out
 * here as the oracle: the model's table must equal it, not be compared with itself.
 */
const GB = 1024;
const steps = (from: number, to: number, step: number): number[] => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
const AWS_DOCUMENTED: Array<[number, number[]]> = [
  [256, [512, 1024, 2048]],
  [512, [1024, 2048, 3072, 4096]],
  [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
  [2048, steps(4 * GB, 16 * GB, GB)],
  [4096, steps(8 * GB, 30 * GB, GB)],
  [8192, steps(16 * GB, 60 * GB, 4 * GB)],
  [16384, steps(32 * GB, 120 * GB, 8 * GB)],
];

describe('FargateSizes', () => {
  test.each(AWS_DOCUMENTED)('cpu %i takes exactly the memory sizes the ECS documentation lists', (cpu, memory) => {
    expect(FargateSizes.memoryOptions(cpu)).toEqual(memory);
  });

  test('no other cpu value, and no size outside the table, is valid', () => {
    expect(FargateSizes.CPU_UNITS).toEqual(AWS_DOCUMENTED.map(([cpu]) => cpu));
    expect(FargateSizes.isValid(256, 4096)).toBe(false);
    expect(FargateSizes.isValid(300, 512)).toBe(false);
    expect(FargateSizes.isValid(8192, 20 * GB)).toBe(true);
    expect(FargateSizes.isValid(8192, 18 * GB)).toBe(false);
  });

  test('describes a cpu value\'s sizes compactly for error messages', () => {
    expect(FargateSizes.describeMemoryOptions(256)).toBe('512, 1024, 2048');
    expect(FargateSizes.describeMemoryOptions(1024)).toBe('2048-8192 in steps of 1024');
  });
});
