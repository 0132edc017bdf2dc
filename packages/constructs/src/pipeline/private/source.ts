import { Fn, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** `workspace/repository` as the source action wants it (split at deploy time when it is a token). */
export function repositoryParts(sourceRepository: string): { owner: string; repo: string } {
  if (Token.isUnresolved(sourceRepository)) {
    const parts = Fn.split('/', sourceRepository);
    return { owner: Fn.select(0, parts), repo: Fn.select(1, parts) };
  }
  const [owner, repo] = sourceRepository.split('/');
  return { owner, repo };
}

/**
 * CDK grants `codestar-connections:UseConnection` only. IAM matches the service prefix of the
 * connection's ARN, and connections created since July 2024 are `codeconnections` ones.
 */
export function grantUseConnection(role: iam.IRole, connectionArn: string): void {
  const prefix = Token.isUnresolved(connectionArn) ? undefined : connectionArn.split(':')[2];
  if (prefix !== 'codestar-connections') {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['codeconnections:UseConnection'], resources: [connectionArn] }));
  }
}
