import { Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../../environment/environment-contract';
import { ServiceRuntimeDefaults } from '../runtime-defaults';
import { ServiceSpec } from '../service-spec';
import { configParameterName } from './naming';
import { parseSecretReference, SecretReference } from './secret-reference';

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
 * (Secrets Manager, with the JSON key and version if given) and KAFKA_BROKERS (the
 * environment's parameter). A runtime default is dropped when a secret of the same name is given.
 */
export function containerSecrets(scope: Construct, environment: IPlatformEnvironment, spec: ServiceSpec,
  defaults: ServiceRuntimeDefaults): ContainerSecrets {
  const env = environment.profile.name;
  const secretsSpec = spec.secrets ?? {};
  const config: { [name: string]: string } = {};
  for (const [name, value] of Object.entries(defaults.variables)) {
    if (!(name in secretsSpec)) {
      config[name] = value;
    }
  }
  Object.assign(config, spec.config ?? {});

  const result: { [name: string]: ecs.Secret } = {};
  const parameters: ssm.IParameter[] = [];
  const configScope = new Construct(scope, 'Config');
  for (const name of Object.keys(config).sort()) {
    const parameter = new ssm.StringParameter(configScope, name, {
      parameterName: configParameterName(env, spec.name, name),
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
  for (const name of Object.keys(secretsSpec).sort()) {
    const value = secretsSpec[name];
    // Validation has refused malformed ARNs; a token is taken as a complete ARN without suffix.
    const reference = Token.isUnresolved(value) ? { secretArn: value } : parseSecretReference(value)!;
    references.push(reference);
    const secret = secretsmanager.Secret.fromSecretCompleteArn(secretScope, name, reference.secretArn);
    result[name] = reference.versionStage !== undefined || reference.versionId !== undefined
      ? ecs.Secret.fromSecretsManagerVersion(secret, { versionStage: reference.versionStage, versionId: reference.versionId }, reference.jsonKey)
      : ecs.Secret.fromSecretsManager(secret, reference.jsonKey);
  }
  return { containerSecrets: result, parameters, secretReferences: references };
}
