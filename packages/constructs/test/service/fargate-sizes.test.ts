import { FargateSizes } from '../../src';

describe('FargateSizes', () => {
  test.each([
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
    [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
  ])('cpu %i pairs with exactly %j', (cpu, memory) => {
    expect(FargateSizes.memoryOptions(cpu)).toEqual(memory);
  });

  test.each([
    [2048, 4096, 16384, 1024, 13],
    [4096, 8192, 30720, 1024, 23],
    [8192, 16384, 61440, 4096, 12],
    [16384, 32768, 122880, 8192, 12],
  ])('cpu %i pairs with %i to %i MiB in steps of %i (%i values)', (cpu, from, to, step, count) => {
    const options = FargateSizes.memoryOptions(cpu);

    expect(options[0]).toBe(from);
    expect(options[options.length - 1]).toBe(to);
    expect(options).toHaveLength(count);
    expect(options.every((m, i) => i === 0 || m - options[i - 1] === step)).toBe(true);
  });

  test('knows no memory for a CPU value Fargate does not offer', () => {
    expect(FargateSizes.memoryOptions(300)).toEqual([]);
    expect(FargateSizes.isValid(300, 512)).toBe(false);
  });

  test('accepts valid pairs and refuses the others', () => {
    expect(FargateSizes.isValid(256, 512)).toBe(true);
    expect(FargateSizes.isValid(256, 3072)).toBe(false);
    expect(FargateSizes.isValid(8192, 20480)).toBe(true);
    expect(FargateSizes.isValid(8192, 18432)).toBe(false);
  });

  test('describes the memory of a CPU value compactly for error messages', () => {
    expect(FargateSizes.describeMemoryOptions(256)).toBe('512, 1024, 2048');
    expect(FargateSizes.describeMemoryOptions(16384)).toBe('32768-122880 in steps of 8192');
  });
});
