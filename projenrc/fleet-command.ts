import * as path from 'path';
import { github, javascript } from 'projen';
import { PlatformLibrary } from './platform-library';
import { PlatformMonorepo } from './platform-monorepo';
import { PythonTools } from './python-tools';
import { pin, VERSIONS } from './versions';
import { WorkspaceTool } from './workspace-tool';

/**
 * `packages/fleet`: the fleet command (`npx projen fleet`), the README's main job. It
 * synthesizes the four environments and every service in every environment, runs every
 * compliance gate, checks routes and CloudFormation limits, and reports: fleet-report.json,
 * .md and .html, and the compliance evidence (compliance-evidence.json, .md) at the root.
 */
export class FleetCommand extends WorkspaceTool {
  /** What `npx projen fleet` writes at the repository root (run-dependent: not committed). */
  public static readonly REPORTS = ['fleet-report.md', 'fleet-report.json', 'fleet-report.html', 'compliance-evidence.md', 'compliance-evidence.json'];
  /** The browser test's screenshot of the HTML report, kept as an artifact of the build workflow. */
  public static readonly SCREENSHOTS = 'screenshots';

  /** The service model, the construct library and the environments app the command is built from. */
  public readonly serviceModel: javascript.NodeProject;
  public readonly library: PlatformLibrary;
  public readonly environments: javascript.NodeProject;

  constructor(root: PlatformMonorepo, serviceModel: javascript.NodeProject, library: PlatformLibrary, environments: javascript.NodeProject,
    python: PythonTools) {
    super(root, {
      outdir: 'packages/fleet',
      name: '@fargate-platform/fleet',
      description: 'The fleet command: synthesize every environment and service, run the gates, report',
      workspaces: [serviceModel, library, environments],
      // The evidence reads the gate's rules from the packs themselves: cdk-nag's rule texts and the Control Tower guard files.
      deps: [pin('cdk-nag', VERSIONS.cdkNag), pin('@cdklabs/cdk-validator-cfnguard', VERSIONS.cfnGuardValidator)],
      devDeps: [pin('playwright-core', VERSIONS.playwrightCore)],
      gitignore: [`/${FleetCommand.SCREENSHOTS}/`],
    });
    this.serviceModel = serviceModel;
    this.library = library;
    this.environments = environments;
    environments.package.addField('main', 'lib/index.js');
    environments.package.addField('types', 'lib/index.d.ts');

    this.addRootTask('fleet',
      'Synthesize the environments and every service in every environment, run every gate, report (fleet-report.md/.json/.html, '
      + 'compliance-evidence.md/.json); --jobs N apps at once, --since FILE compares with that report',
      [[serviceModel, 'compile the service model'], [library, 'compile the construct library'], [environments, 'compile the environments app']],
      'compile the fleet command');
    // The gate's CloudFormation pack needs cfn-lint: the fleet installs the pinned one first.
    root.tasks.tryFind('fleet')!.prependSpawn(python.installTask);
    root.gitignore.exclude(...FleetCommand.REPORTS.map((f) => `/${f}`));

    // The compliance map (controls, constructs, checks, tests) is code: docs/COMPLIANCE.md is written from it after each compile.
    this.postCompileTask.exec(`node -e "require('./lib/evidence/control-doc').writeControlDoc('${path.posix.join(this.rootRelative, 'docs/COMPLIANCE.md')}')"`,
      { name: 'write docs/COMPLIANCE.md' });

    // The HTML report is tested in Debian's Chromium, installed like the Python wheel's Debian tools.
    const chromium = root.addTask('install:chromium', {
      description: 'Install Debian\'s chromium (/usr/bin/chromium) for the browser test of the fleet\'s HTML report',
      exec: 'bash scripts/ensure-chromium.sh',
    });
    this.testTask.prependExec(`bash ${path.posix.join(this.rootRelative, 'scripts/ensure-chromium.sh')}`, { name: chromium.name });
    root.buildWorkflow?.addPostBuildSteps(github.WorkflowSteps.uploadArtifact({
      name: 'Upload the fleet report screenshot',
      if: 'always()',
      with: {
        name: 'fleet-report-screenshot',
        path: path.posix.join(path.relative(root.outdir, this.outdir), FleetCommand.SCREENSHOTS),
        ifNoFilesFound: 'warn',
      },
    }));
  }

  private get rootRelative(): string {
    return path.relative(this.outdir, this.monorepo.outdir);
  }

  /**
   * Run the main job in the build's tests, after every workspace compiled: the whole fleet
   * through every gate (cfn-lint included) must hold in CI, not only on a person's machine.
   */
  public addToBuild(): void {
    const relative = path.relative(this.monorepo.outdir, this.outdir);
    this.monorepo.testTask.exec(`node ${relative}/lib/main.js`, {
      name: 'the fleet: every environment and service through every gate',
    });
    // The report the fleet just wrote, in the browser: every row a coloured cell that drills down.
    const task = this.addTask('test:report', {
      description: 'Open the fleet-report.html that `npx projen fleet` wrote in Chromium and check it against fleet-report.json',
      exec: 'jest --ci --coverage=false --testMatch \'<rootDir>/test/report/fleet-report.browser.ts\'',
    });
    this.monorepo.testTask.exec(`npx projen ${task.name}`, { cwd: relative, name: 'the fleet\'s HTML report in Chromium' });
  }
}
