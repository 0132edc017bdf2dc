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
 * `.github/workflows/integ-nightly.yml`: deploys every integration scenario to the test
 * account with credentials from an OIDC role, runs their deployed assertions and destroys
 * them; a second job deletes test stacks (tag `Testing: true`) older than 24 hours, so a
 * run that died half-way does not leave resources behind.
 *
 * Repository settings it reads (Settings > Secrets and variables > Actions > Variables):
 * `INTEG_ROLE_ARN` (the role GitHub's OIDC provider may assume), `INTEG_REGION`, and the
 * scenario inputs `INTEG_CERTIFICATE_ARN`, `INTEG_CONNECTION_ARN`, `INTEG_KAFKA_SECURITY_GROUP_ID`.
 */
export class NightlyIntegWorkflow {
  constructor(root: PlatformMonorepo, options: NightlyIntegWorkflowOptions) {
    const gh = root.github!;
    const workflow = new github.GithubWorkflow(gh, 'integ-nightly', { limitConcurrency: true });
    workflow.on({
      schedule: [{ cron: options.schedule ?? '0 3 * * *' }],
      workflowDispatch: {},
    });

    const credentials: github.workflows.JobStep = {
      name: 'Assume the integration-test role (OIDC)',
      uses: 'aws-actions/configure-aws-credentials@v4',
      with: {
        'role-to-assume': '${{ vars.INTEG_ROLE_ARN }}',
        'aws-region': '${{ vars.INTEG_REGION }}',
        'role-session-name': 'integ-nightly-${{ github.run_id }}',
      },
    };
    const integDir = root.outdir === options.integ.outdir ? '.' : 'integ';

    workflow.addJobs({
      deploy: {
        name: 'Deploy scenarios and run their assertions',
        runsOn: ['ubuntu-latest'],
        timeoutMinutes: 180,
        permissions: { idToken: github.workflows.JobPermission.WRITE, contents: github.workflows.JobPermission.READ },
        env: {
          CI: 'true',
          INTEG_CERTIFICATE_ARN: '${{ vars.INTEG_CERTIFICATE_ARN }}',
          INTEG_CONNECTION_ARN: '${{ vars.INTEG_CONNECTION_ARN }}',
          INTEG_KAFKA_SECURITY_GROUP_ID: '${{ vars.INTEG_KAFKA_SECURITY_GROUP_ID }}',
        },
        steps: [
          github.WorkflowSteps.checkout(),
          { name: 'Setup Node.js', uses: 'actions/setup-node@v7.0.0', with: { 'node-version': VERSIONS.workflowNode } },
          { name: 'Install dependencies', run: 'npm ci' },
          { name: 'Compile the workspaces', run: 'npx projen compile' },
          credentials,
          { name: 'Deploy, assert, destroy', run: 'npx projen integ:deploy', workingDirectory: integDir },
        ],
      },
      cleanup: {
        name: 'Delete test stacks older than 24 hours',
        needs: ['deploy'],
        if: 'always()',
        runsOn: ['ubuntu-latest'],
        permissions: { idToken: github.workflows.JobPermission.WRITE, contents: github.workflows.JobPermission.READ },
        steps: [
          github.WorkflowSteps.checkout(),
          credentials,
          { name: 'Delete stale test stacks', run: 'bash scripts/cleanup-test-stacks.sh 24' },
        ],
      },
    });
  }
}
