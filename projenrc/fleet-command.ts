import * as path from 'path';
import { javascript } from 'projen';
import { PlatformLibrary } from './platform-library';
import { PlatformMonorepo } from './platform-monorepo';
import { PythonTools } from './python-tools';
import { pin, VERSIONS } from './versions';
import { WorkspaceTool } from './workspace-tool';

/**
 * `packages/fleet`: the fleet command (`npx projen fleet`), the README's main job. It
 * synthesizes the four environments and every service in every environment, runs every
 * compliance gate, checks routes and CloudFormation limits, and reports: fleet-report.json and
 * .md, and the compliance evidence (compliance-evidence.json, .md) at the root.
 */
export class FleetCommand extends WorkspaceTool {
  /** What `npx projen fleet` writes at the repository root (run-dependent: not committed). */
  public static readonly REPORTS = ['fleet-report.md', 'fleet-report.json', 'compliance-evidence.md', 'compliance-evidence.json'];

  /** The construct library and the environments app the command is built from. */
  public readonly library: PlatformLibrary;
  public readonly environments: javascript.NodeProject;

  constructor(root: PlatformMonorepo, library: PlatformLibrary, environments: javascript.NodeProject, python: PythonTools) {
    super(root, {
      outdir: 'packages/fleet',
      name: '@fargate-platform/fleet',
      description: 'The fleet command: synthesize every environment and service, run the gates, report',
      workspaces: [library, environments],
      // The evidence reads the gate's rules from the packs themselves: cdk-nag's rule texts and the Control Tower guard files.
      deps: [pin('cdk-nag', VERSIONS.cdkNag), pin('@cdklabs/cdk-validator-cfnguard', VERSIONS.cfnGuardValidator)],
    });
    this.library = library;
    this.environments = environments;
    environments.package.addField('main', 'lib/index.js');
    environments.package.addField('types', 'lib/index.d.ts');

    this.addRootTask('fleet',
      'Synthesize the environments and every service in every environment, run every gate, report (fleet-report.md/.json, '
      + 'compliance-evidence.md/.json); --jobs N apps at once, --since FILE compares with that report',
      [[library, 'compile the construct library'], [environments, 'compile the environments app']],
      'compile the fleet command');
    // The gate's CloudFormation pack needs cfn-lint: the fleet installs the pinned one first.
    root.tasks.tryFind('fleet')!.prependSpawn(python.installTask);
    root.gitignore.exclude(...FleetCommand.REPORTS.map((f) => `/${f}`));
  }

  /**
   * Run the main job in the build's tests, after every workspace compiled: the whole fleet
   * through every gate (cfn-lint included) must hold in CI, not only on a person's machine.
   */
  public addToBuild(): void {
    this.monorepo.testTask.exec(`node ${path.relative(this.monorepo.outdir, this.outdir)}/lib/main.js`, {
      name: 'the fleet: every environment and service through every gate',
    });
  }
}
