import { SecretReference, ServiceSpec } from '@fargate-platform/service-model';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../../environment/environment-contract';

/** Everything a container receives, all of it through `secrets` (never as plain environment variables). */
export interface ContainerSecrets {
  /** Variable name to ECS secret. */
  readonly containerSecrets: { [name: string]: ecs.Secret };
  /** The SSM parameters injected (configuration and KAFKA_BROKERS). */
  readonly parameters: ssm.IParameter[];
  /** The Secrets Manager secrets injected. */
  readonly secretReferences: SecretReference[];
}

/**
 * The container's variables: runtime defaults overridden by `spec.config` (each an SSM
 * String parameter `/fargate-platform/{env}/services/{service}/config/{VAR}`), `spec.secrets`
 * (Secrets Manager, the service's own and the shared ones it declares, with the JSON key and
 * version if given) and KAFKA_BROKERS (the environment's parameter). A runtime default is
 * dropped when a secret of the same name is given.
 */
export function containerSecrets(scope: Construct, environment: IPlatformEnvironment, spec: ServiceSpec): ContainerSecrets {
  const env = environment.profile.name;
  const secretNames = new Set(spec.secrets.map((s) => s.variable));
  const config: { [name: string]: string } = {};
  for (const [name, value] of Object.entries(spec.runtimeDefaults.variables)) {
    if (!secretNames.has(name)) {
      config[name] = value;
    }
  }
  Object.assign(config, spec.config);

  const result: { [name: string]: ecs.Secret } = {};
  const parameters: ssm.IParameter[] = [];
  const configScope = new Construct(scope, 'Config');
  for (const name of Object.keys(config).sort()) {
    const parameter = new ssm.StringParameter(configScope, name, {
      parameterName: spec.names.configParameterName(name),
      stringValue: config[name],
      description: `${name} of the ${spec.name} service in ${env}`,
    });
    parameters.push(parameter);
    result[name] = ecs.Secret.fromSsmParameter(parameter);
  }

  parameters.push(environment.kafkaBrokersParameter);
  result.KAFKA_BROKERS = ecs.Secret.fromSsmParameter(environment.kafkaBrokersParameter);

  const references: SecretReference[] = [];
  const secretScope = new Construct(scope, 'Secrets');
  for (const { variable: name, reference } of [...spec.secrets].sort((a, b) => a.variable.localeCompare(b.variable))) {
    references.push(reference);
    const secret = secretsmanager.Secret.fromSecretCompleteArn(secretScope, name, reference.secretArn);
    result[name] = reference.versionStage !== undefined || reference.versionId !== undefined
      ? ecs.Secret.fromSecretsManagerVersion(secret, { versionStage: reference.versionStage, versionId: reference.versionId }, reference.jsonKey)
      : ecs.Secret.fromSecretsManager(secret, reference.jsonKey);
  }
  return { containerSecrets: result, parameters, secretReferences: references };
}
