/** Descriptions (service.json) the tests start from and break one field at a time. */

export const DEVELOP = {
  environment: 'develop',
  account: '111111111111',
  region: 'us-east-1',
  connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:connection/c0ffee00-0000-4000-8000-000000000001',
};
export const PROD = {
  environment: 'prod',
  account: '444444444444',
  region: 'eu-west-1',
  connectionArn: 'arn:aws:codeconnections:eu-west-1:444444444444:connection/c0ffee00-0000-4000-8000-000000000004',
};

/** A secret of `service` in develop's account and Region. */
export const developSecret = (name: string) => `arn:aws:secretsmanager:us-east-1:111111111111:secret:develop/${name}-AbCdEf`;
/** A secret of `service` in prod's account and Region. */
export const prodSecret = (name: string) => `arn:aws:secretsmanager:eu-west-1:444444444444:secret:prod/${name}-GhIjKl`;

/** A valid public Node.js service in develop and prod, as plain JSON (a fresh copy each time). */
export function publicService(): any {
  return {
    platformVersion: '0.1.0',
    spec: {
      name: 'orders',
      exposure: 'public',
      runtime: 'nodejs',
      cpu: 512,
      memoryLimitMiB: 1024,
      desiredCount: 2,
      route: { pathPattern: '/api/orders/*', priority: 120 },
      owner: 'commerce-team',
      costCenter: 'cc-commerce-2400',
      sourceRepository: 'acme/orders',
    },
    targets: [{ ...DEVELOP }, { ...PROD }],
  };
}

/** A valid internal Python service in develop only. */
export function internalService(): any {
  return {
    platformVersion: '0.1.0',
    spec: {
      name: 'risk-scoring',
      exposure: 'internal',
      runtime: 'python',
      cpu: 1024,
      memoryLimitMiB: 2048,
      desiredCount: 1,
      owner: 'risk-team',
      costCenter: 'cc-risk-2900',
      sourceRepository: 'acme/risk-scoring',
    },
    targets: [{ ...DEVELOP }],
  };
}

/** A description with one change applied to a fresh copy. */
export function withChange(change: (d: any) => void, base: () => any = publicService): any {
  const description = base();
  change(description);
  return description;
}
