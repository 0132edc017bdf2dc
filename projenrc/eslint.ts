import { javascript } from 'projen';
import { pin, VERSIONS } from './versions';

/**
 * projen's eslint (its TypeScript rules, `--fix` in the `eslint` task that `test` runs) with the
 * versions pinned: eslint-import-resolver-typescript stays on 3.8, the last line without
 * unrs-resolver, whose per-platform optional binaries this workplace's registry mirror does not
 * all serve (npm then writes a lockfile `npm ci` refuses; see docs/VERSIONS.md, jest 30).
 *
 * @param project a TypeScript project created with `eslint: true`
 */
export function pinEslint(project: javascript.NodeProject): void {
  project.addDevDeps(
    pin('eslint', VERSIONS.eslint),
    pin('@typescript-eslint/eslint-plugin', VERSIONS.typescriptEslint),
    pin('@typescript-eslint/parser', VERSIONS.typescriptEslint),
    pin('eslint-plugin-import', VERSIONS.eslintPluginImport),
    pin('eslint-import-resolver-typescript', VERSIONS.eslintImportResolverTypescript),
  );
}
