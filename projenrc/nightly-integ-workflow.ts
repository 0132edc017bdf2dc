import { github } from 'projen';
import { IntegProject } from './integ-project';
import { PlatformMonorepo } from './platform-monorepo';
import { VERSIONS } from './versions';

/** Options of the nightly integration workflow. */
export interface NightlyIntegWorkflowOptions {
  readonly integ: IntegProject;
  /** cron, UTC. @default - 03:00 every day */
  readonly schedule?: string;
}

/**
 * The repository variables the nightly reads (Settings > Secrets and variables > Actions >
 * Variables). None is a secret: the role is only assumable from this repository's workflows.
 */
export const NIGHTLY_VARIABLES = {
  /** The role GitHub's OIDC provider may assume in the test account; its maximum session duration must cover `DEPLOY_HOURS`. */
  roleArn: 'INTEG_ROLE_ARN',
  /** The region the scenarios are deployed to (the certificate and connection live there). */
  region: 'INTEG_REGION',
  /** ACM certificate of the scenarios' HTTPS listeners, in that region (a self-signed imported one will do). */
  certificateArn: 'INTEG_CERTIFICATE_ARN',
  /** CodeConnections connection to Bitbucket, in that region (the pipeline scenario). */
  connectionArn: 'INTEG_CONNECTION_ARN',
  /** The id of the prefix list com.amazonaws.{region}.s3 in that region: the scenarios' tasks reach S3 only at its addresses. */
  s3PrefixListId: 'INTEG_S3_PREFIX_LIST_ID',
} as const;

/**
 * How long the deploy job may run, in hours. The seven scenarios deploy one after the other
 * (six deploy an environment and destroy it again, about 25 minutes each); the assumed role's
 * session must last as long, since credentials from the environment cannot be refreshed.
 */
const DEPLOY_HOURS = 5;

/**
 * `.github/workflows/integ-nightly.yml`: deploys every integration scenario to the test
 * account with credentials from an OIDC role, runs their deployed assertions and destroys
 * them; a second job deletes test stacks (tag `Testing: true`) older than 24 hours, so a
 * run that died half-way does not leave stacks behind (retained buckets: docs/HANDBOOK.md).
 *
 * The scenarios are deployed to `INTEG_REGION`: integ-runner is called with that region as
 * its only `--parallel-regions` (the `integ:deploy` task names a fixed region), so that the
 * stacks, the certificate, the connection and the cleanup job all meet in one region.
 */
export class NightlyIntegWorkflow {
  constructor(root: PlatformMonorepo, options: NightlyIntegWorkflowOptions) {
    const gh = root.github!;
    const workflow = new github.GithubWorkflow(gh, 'integ-nightly', { limitConcurrency: true });
    workflow.on({
      schedule: [{ cron: options.schedule ?? '0 3 * * *' }],
      workflowDispatch: {},
    });

    const variable = (name: string) => `\${{ vars.${name} }}`;
    const credentials = (durationSeconds: number): github.workflows.JobStep => ({
      name: 'Assume the integration-test role (OIDC)',
      uses: 'aws-actions/configure-aws-credentials@v4',
      with: {
        'role-to-assume': variable(NIGHTLY_VARIABLES.roleArn),
        'aws-region': variable(NIGHTLY_VARIABLES.region),
        'role-session-name': 'integ-nightly-${{ github.run_id }}',
        'role-duration-seconds': durationSeconds,
      },
    });
    const integDir = root.outdir === options.integ.outdir ? '.' : 'integ';
    // `integ:deploy`, with INTEG_REGION as the one region (the task names a fixed one).
    const deployTask = options.integ.tasks.tryFind('integ:deploy');
    const deployCommand = deployTask?.steps.length === 1 ? deployTask.steps[0].exec : undefined;
    if (!deployTask || !deployCommand || !/--parallel-regions \S+/.test(deployCommand)) {
      throw new Error(`the integ project's integ:deploy task must be one integ-runner command with --parallel-regions; got ${deployCommand}`);
    }
    const deployInRegion = `npx ${deployCommand.replace(/--parallel-regions \S+/, `--parallel-regions "$${NIGHTLY_VARIABLES.region}"`)}`;

    workflow.addJobs({
      deploy: {
        name: 'Deploy scenarios and run their assertions',
        runsOn: ['ubuntu-latest'],
        timeoutMinutes: DEPLOY_HOURS * 60,
        permissions: { idToken: github.workflows.JobPermission.WRITE, contents: github.workflows.JobPermission.READ },
        env: {
          CI: 'true',
          ...Object.fromEntries(Object.values(NIGHTLY_VARIABLES).map((name) => [name, variable(name)])),
        },
        steps: [
          github.WorkflowSteps.checkout(),
          {
            name: 'Check the inputs',
            run: [
              'missing=0',
              ...Object.values(NIGHTLY_VARIABLES).map((name) =>
                `if [ -z "$${name}" ]; then echo "::error::repository variable ${name} is not set"; missing=1; fi`),
              'exit "$missing"',
            ].join('\n'),
          },
          { name: 'Setup Node.js', uses: 'actions/setup-node@v7.0.0', with: { 'node-version': VERSIONS.workflowNode } },
          { name: 'Install dependencies', run: 'npm ci' },
          { name: 'Compile the workspaces', run: 'npx projen compile' },
          credentials(DEPLOY_HOURS * 3600),
          {
            name: 'Deploy, assert, destroy',
            run: deployInRegion,
            workingDirectory: integDir,
            env: { ...deployTask.envVars },
          },
        ],
      },
      cleanup: {
        name: 'Delete test stacks older than 24 hours',
        needs: ['deploy'],
        if: 'always()',
        runsOn: ['ubuntu-latest'],
        timeoutMinutes: 60,
        permissions: { idToken: github.workflows.JobPermission.WRITE, contents: github.workflows.JobPermission.READ },
        steps: [
          github.WorkflowSteps.checkout(),
          credentials(3600),
          { name: 'Delete stale test stacks', run: 'bash scripts/cleanup-test-stacks.sh 24' },
        ],
      },
    });
  }
}
