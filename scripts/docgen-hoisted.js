#!/usr/bin/env node
// Writes a jsii library's API.md with jsii-docgen when npm workspaces hoist its
// dependencies to the repository root.
//
// `jsii-docgen` looks for the assemblies of dependencies under the package's own folder
// and fails with "Unable to locate assembly for dependency: aws-cdk-lib". Its API takes
// the folder to search: the root node_modules holds every hoisted dependency, and the
// workspace symlink to this package itself.
//
// usage (from the package folder): node ../../scripts/docgen-hoisted.js API.md
const fs = require('fs');
const path = require('path');
const { Documentation, Language } = require('jsii-docgen');

async function main() {
  const output = process.argv[2] ?? 'API.md';
  const root = path.resolve(__dirname, '..');
  const docs = await Documentation.forProject(process.cwd(), { assembliesDir: path.join(root, 'node_modules') });
  const markdown = await docs.toMarkdown({ language: Language.TYPESCRIPT, allSubmodules: true });
  fs.writeFileSync(output, markdown.render());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
