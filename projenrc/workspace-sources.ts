import * as path from 'path';
import { register } from 'tsconfig-paths';

let registered = false;

/**
 * Let the workspaces' TypeScript sources find each other by package name while `.projenrc.ts`
 * runs: the project types (packages/projen/src) import `@fargate-platform/service-model`, whose
 * compiled lib/ does not exist yet on a fresh clone. The mapping points the name at the model's
 * sources, which ts-node compiles like the rest of the projenrc.
 */
export function useWorkspaceSources(): void {
  if (!registered) {
    register({ baseUrl: path.join(__dirname, '..'), paths: { '@fargate-platform/service-model': ['packages/service-model/src'] } });
    registered = true;
  }
}
