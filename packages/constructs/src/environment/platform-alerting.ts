import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EnvironmentProfile } from './environment-profile';

/** Properties of an environment's alerting topics. */
export interface PlatformAlertingProps {
  readonly profile: EnvironmentProfile;
  /** Encrypts the topics. */
  readonly alertingKey: kms.IKey;
}

/**
 * The environment's three SNS topics, KMS-encrypted and SSL-only: `critical` (pages, e.g.
 * through a PagerDuty subscription), `warning` (e-mail) and `pipeline` (pipeline events and
 * approval requests, e.g. to Slack through AWS Chatbot). Subscriptions are added by the
 * operators; the topics are what alarms and pipelines publish to.
 */
export class PlatformAlerting extends Construct {
  public readonly critical: sns.Topic;
  public readonly warning: sns.Topic;
  public readonly pipeline: sns.Topic;

  constructor(scope: Construct, id: string, props: PlatformAlertingProps) {
    super(scope, id);
    const topic = (name: string, displayName: string): sns.Topic => new sns.Topic(this, name, {
      topicName: `${props.profile.name}-${name.toLowerCase()}`,
      displayName,
      masterKey: props.alertingKey,
      enforceSSL: true,
    });
    this.critical = topic('Critical', `${props.profile.name}: critical alarms`);
    this.warning = topic('Warning', `${props.profile.name}: warnings`);
    this.pipeline = topic('Pipeline', `${props.profile.name}: pipeline events and approvals`);
    // CodeStar notification rules publish pipeline events through a topic policy.
    this.pipeline.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CodeStarNotifications',
      principals: [new iam.ServicePrincipal('codestar-notifications.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.pipeline.topicArn],
    }));
  }
}
