import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { evaluateChecks } from '../../src/evidence/evaluate';

describe('evaluating the checks of the controls on a synthesized app', () => {
  // GIVEN a stack with a bucket that logs its access (to a log bucket), and one that does not
  const app = new App();
  const stack = new Stack(app, 'Storage');
  const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
  const data = new s3.Bucket(stack, 'Data', { serverAccessLogsBucket: logs, enforceSSL: true });
  const unlogged = new s3.Bucket(stack, 'Unlogged', { enforceSSL: true });
  app.synth();
  const logicalId = (bucket: s3.Bucket) => stack.resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId);

  // WHEN
  const [evaluation] = evaluateChecks(app);

  test('keeps the resources a check passes as well as those it fails', () => {
    expect(evaluation.stack).toBe('Storage');
    // cdk-nag counts a bucket that receives access logs as compliant.
    expect(evaluation.checks['NIST.800.53.R5-S3BucketLoggingEnabled']).toEqual({
      compliant: [logicalId(logs), logicalId(data)],
      noncompliant: [logicalId(unlogged)],
    });
  });

  test('a check of a resource type the stack does not hold is left out', () => {
    expect(evaluation.checks['NIST.800.53.R5-VPCFlowLogsEnabled']).toBeUndefined();
  });

  test('only checks that count for a control run (AwsSolutions-S1 does, the unmapped AwsSolutions-S2 does not)', () => {
    expect(evaluation.checks['AwsSolutions-S1']).toBeDefined();
    expect(evaluation.checks['AwsSolutions-S2']).toBeUndefined();
  });
});
