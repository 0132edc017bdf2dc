import { ComplianceGate } from '@fargate-platform/constructs';
import { App } from 'aws-cdk-lib';
import { buildEnvironments } from './environments';

const app = new App();
buildEnvironments(app);
// Synthesizes the app, writes compliance-report.json into cdk.out, and fails on any open finding.
ComplianceGate.enforce(app);
