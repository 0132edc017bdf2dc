/**
 * Assertion helpers the scenarios share, and what they work around in
 * @aws-cdk/integ-tests-alpha 2.245.0-alpha.0 (checked against its bundled handler):
 *
 * - A custom resource's response is limited to 4 KB. Calls whose response is small
 *   (DescribeTargetHealth, DescribeRepositories of one repository, GetTrailStatus, ...) are
 *   asserted whole with `expect(ExpectedResult.objectLike(...))`. Calls whose response is large
 *   (DescribeServices carries every service event, GetPipeline every action) are asserted one
 *   string leaf at a time with `assertAtPath(path, ExpectedResult.stringLikeRegexp(...))`, which
 *   returns only that leaf.
 * - `ExpectedResult.exact(...)` never matches a bare string or number (the handler wraps it in an
 *   object), and `integ.assertions.expect(...)` reads a `data` attribute the handler never returns:
 *   neither is used. Strings are matched with anchored regular expressions; numbers only inside
 *   objects (e.g. the number of running tasks is the length of `ListTasks.taskArns`).
 */
import { ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Aspects, CfnResource, Duration, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { testStack } from './scenario';

/** How long and how often a waiter polls. */
export interface Wait {
  readonly totalTimeout: Duration;
  readonly interval: Duration;
}

/** Waiting for a rollout, a target or an instance to become healthy. */
export const UNTIL_HEALTHY: Wait = { totalTimeout: Duration.minutes(20), interval: Duration.seconds(20) };

/** Options of a scenario's IntegTest. */
export interface ScenarioTestOptions {
  /**
   * Whether the scenario calls the load balancer over HTTPS (`httpApiCall`). Its certificate
   * does not name the load balancer's DNS name, and integ-tests offers no option to skip name
   * verification, so the assertion functions of this scenario run with
   * `NODE_TLS_REJECT_UNAUTHORIZED=0`: the call is still HTTPS (TLS 1.2+, the listener's
   * certificate), only the name is not checked. The setting reaches every assertion function
   * of the scenario's assertion stack (they share one Lambda function per stack), including
   * their AWS API calls; nothing else runs there.
   * @default false
   */
  readonly callsLoadBalancer?: boolean;
}

/**
 * The IntegTest of a scenario: its stacks, deployed and destroyed together by integ-runner, and
 * a tagged assertion stack `{name}-assertions`. The update workflow (deploy the committed
 * snapshot first) is off: snapshots hold placeholder inputs and no asset files.
 */
export function scenarioTest(app: App, name: string, id: string, testCases: Stack[], options: ScenarioTestOptions = {}): IntegTest {
  const assertionStack = testStack(app, `${name}-assertions`, `Integration scenario ${name}: deployed assertions`);
  const integ = new IntegTest(app, id, { testCases, assertionStack, diffAssets: false, stackUpdateWorkflow: false });
  if (options.callsLoadBalancer) {
    Aspects.of(assertionStack).add({
      visit(node: IConstruct) {
        if (CfnResource.isCfnResource(node) && node.cfnResourceType === 'AWS::Lambda::Function') {
          node.addPropertyOverride('Environment.Variables.NODE_TLS_REJECT_UNAUTHORIZED', '0');
        }
      },
    });
  }
  return integ;
}

/**
 * An anchored regular expression matching exactly `value`. A token (an ARN of another stack) is
 * left as it is: escaping would break it, and the ARNs it stands for hold no character a regular
 * expression treats specially except `.`, which still matches itself.
 */
export function exactly(value: string): ExpectedResult {
  const pattern = Token.isUnresolved(value) ? value : value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return ExpectedResult.stringLikeRegexp(`^${pattern}$`);
}

/**
 * Asserts string leaves of one API call's response (e.g. `pipeline.stages.2.name`), one call per
 * leaf, so that each response carries only its leaf. Numbers and booleans cannot be matched at
 * a leaf (see above): they are left to the synth-time tests.
 */
export function expectLeaves(integ: IntegTest, service: string, api: string, parameters: { [key: string]: unknown },
  leaves: { [path: string]: string }): IApiCall[] {
  return Object.entries(leaves).map(([path, value]) => integ.assertions
    .awsApiCall(service, api, parameters)
    .assertAtPath(path, exactly(value)));
}

/** Waits until the service's primary deployment has completed: ECS's steady state, running = desired and healthy. */
export function rolloutCompleted(integ: IntegTest, cluster: string, service: string): IApiCall {
  return integ.assertions
    .awsApiCall('ECS', 'describeServices', { cluster, services: [service] })
    .assertAtPath('services.0.deployments.0.rolloutState', exactly('COMPLETED'))
    .waitForAssertions(UNTIL_HEALTHY);
}

/** Waits until the service runs exactly `count` tasks: `ListTasks` (desired status RUNNING) returns that many. */
export function runningTasks(integ: IntegTest, cluster: string, service: string, count: number): IApiCall {
  return integ.assertions
    .awsApiCall('ECS', 'listTasks', { cluster, serviceName: service, desiredStatus: 'RUNNING' })
    .expect(ExpectedResult.objectLike({
      taskArns: Array.from({ length: count }, () => Match.stringLikeRegexp(`:task/${cluster}/`)),
    }))
    .waitForAssertions(UNTIL_HEALTHY);
}

/** Waits until `https://{host}{path}` answers 200 with a JSON body like `body`. */
export function answers(integ: IntegTest, host: string, path: string, body: { [key: string]: string }): IApiCall {
  return integ.assertions
    .httpApiCall(`https://${host}${path}`)
    .expect(ExpectedResult.objectLike({ status: 200, body: Match.objectLike(body) }))
    .waitForAssertions(UNTIL_HEALTHY);
}
