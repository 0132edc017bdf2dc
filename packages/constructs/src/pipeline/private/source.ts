import { Fn, Token } from 'aws-cdk-lib';

/** `workspace/repository` as the source action wants it (split at deploy time when it is a token). */
export function repositoryParts(sourceRepository: string): { owner: string; repo: string } {
  if (Token.isUnresolved(sourceRepository)) {
    const parts = Fn.split('/', sourceRepository);
    return { owner: Fn.select(0, parts), repo: Fn.select(1, parts) };
  }
  const [owner, repo] = sourceRepository.split('/');
  return { owner, repo };
}
