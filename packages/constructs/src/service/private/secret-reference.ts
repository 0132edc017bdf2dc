import { SECRET_ARN } from '../../private/validate';

/** A `secrets` entry of a service spec, taken apart the way ECS reads `valueFrom`. */
export interface SecretReference {
  /** The complete ARN of the secret, without the JSON key / version suffix. */
  readonly secretArn: string;
  /** The JSON key whose value is injected; undefined injects the whole secret string. */
  readonly jsonKey?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

/** Secrets Manager appends a hyphen and six random characters to every secret name; the complete ARN ends with them. */
const COMPLETE_NAME = /-[A-Za-z0-9]{6}$/;

/**
 * Parse `arn:aws:secretsmanager:{region}:{account}:secret:{name}-{suffix}[:json-key[:version-stage[:version-id]]]`;
 * undefined when the ARN is malformed or partial (a partial ARN would need a wildcard in IAM).
 */
export function parseSecretReference(value: string): SecretReference | undefined {
  const parts = value.split(':');
  if (parts.length < 7 || parts.length > 10) {
    return undefined;
  }
  const secretArn = parts.slice(0, 7).join(':');
  if (!SECRET_ARN.test(secretArn) || !COMPLETE_NAME.test(parts[6])) {
    return undefined;
  }
  const [jsonKey, versionStage, versionId] = parts.slice(7).map((p) => (p === '' ? undefined : p));
  if (versionStage !== undefined && versionId !== undefined) {
    return undefined;
  }
  return { secretArn, jsonKey, versionStage, versionId };
}
