import { ServiceRuntime } from '@fargate-platform/service-model';

/**
 * Expected values written from outside the code under test, so that a property cannot pass by
 * computing its expectation with the code it checks (`FargateSizes`, `RuntimeDefaults`).
 */

/**
 * The CPU and memory pairs Fargate runs (Linux), as the Amazon ECS Developer Guide's task size
 * table gives them: CPU units to the allowed memory in MiB.
 */
export const FARGATE_TASK_SIZES: ReadonlyArray<{ readonly cpu: number; readonly memory: readonly number[] }> = [
  { cpu: 256, memory: [512, 1024, 2048] },
  { cpu: 512, memory: steps(1024, 4096, 1024) },
  { cpu: 1024, memory: steps(2048, 8192, 1024) },
  { cpu: 2048, memory: steps(4096, 16384, 1024) },
  { cpu: 4096, memory: steps(8192, 30720, 1024) },
  { cpu: 8192, memory: steps(16384, 61440, 4096) },
  { cpu: 16384, memory: steps(32768, 122880, 8192) },
];

/** Whether Fargate runs a task of this size (by the table above). */
export function fargateRuns(cpu: number, memory: number): boolean {
  return FARGATE_TASK_SIZES.some((size) => size.cpu === cpu && size.memory.includes(memory));
}

/** What each runtime's container must get, from the runtimes' own documentation and the design. */
export const RUNTIME_EXPECTATIONS: Readonly<Record<ServiceRuntime, {
  /** Environment the runtime needs in a container: production mode for Node.js; unbuffered output and no bytecode files for Python. */
  readonly variables: Readonly<Record<string, string>>;
  /** The interpreter the health check probe runs (the image has no curl or wget). */
  readonly probe: RegExp;
  /** The official images' unprivileged user (node: uid 1000; the platform's Python image adds uid 1000). */
  readonly user: string;
}>> = {
  [ServiceRuntime.NODEJS]: { variables: { NODE_ENV: 'production' }, probe: /^node -e /, user: '1000:1000' },
  [ServiceRuntime.PYTHON]: { variables: { PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' }, probe: /^python -c /, user: '1000:1000' },
};

function steps(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
}
