import { ServiceDefinition, ServiceExposure, ServiceRuntime } from '../src';
import { developSecret, internalService, prodSecret, publicService, withChange } from './fixtures';

/** The problems `parse` would throw for, as one string (each problem on its own line). */
function problemsOf(description: unknown): string {
  return ServiceDefinition.problemsOf(description).join('\n');
}

describe('ServiceDefinition: a valid description', () => {
  test('GIVEN a public service in two environments WHEN parsed THEN each environment gets a resolved spec with the documented defaults', () => {
    const definition = ServiceDefinition.parse(publicService());

    expect(definition.specs.map((s) => s.environment)).toEqual(['develop', 'prod']);
    const prod = definition.specFor('prod');
    expect(prod).toMatchObject({
      name: 'orders',
      exposure: ServiceExposure.PUBLIC,
      runtime: ServiceRuntime.NODEJS,
      containerPort: 3000,
      healthCheckPath: '/health',
      desiredCount: 2,
      minCapacity: 2,
      maxCapacity: 4,
      route: { pathPattern: '/api/orders/*', priority: 120, loadBalancer: 0 },
      compliance: 'nist-800-53-r5 soc2',
      config: {},
      secrets: [],
    });
    expect(prod.target).toEqual({ ...publicService().targets[1], loadBalancers: 1 });
    expect(prod.names.runtimeStackName).toBe('orders-prod-runtime');
    expect(ServiceDefinition.parse(internalService()).specFor('develop')).toMatchObject({ containerPort: 8000, route: undefined });
  });

  test('GIVEN settings of one environment WHEN parsed THEN only that environment gets them; maps are merged by name', () => {
    const definition = ServiceDefinition.parse(withChange((d) => {
      d.spec.config = { LOG_LEVEL: 'info', REGION_NAME: 'default' };
      d.spec.environments = { prod: { cpu: 1024, memoryLimitMiB: 2048, desiredCount: 3, config: { LOG_LEVEL: 'warn' }, secrets: { DB: prodSecret('orders/db') } } };
    }));

    expect(definition.specFor('develop')).toMatchObject({ cpu: 512, desiredCount: 2, config: { LOG_LEVEL: 'info', REGION_NAME: 'default' }, secrets: [] });
    expect(definition.specFor('prod')).toMatchObject({
      cpu: 1024,
      memoryLimitMiB: 2048,
      desiredCount: 3,
      maxCapacity: 6,
      config: { LOG_LEVEL: 'warn', REGION_NAME: 'default' },
    });
    expect(definition.specFor('prod').secrets.map((s) => [s.variable, s.reference.secretName, s.shared])).toEqual([['DB', 'prod/orders/db', false]]);
  });

  test('GIVEN an environment the service does not have WHEN asked for THEN the error names its environments', () => {
    expect(() => ServiceDefinition.parse(publicService()).specFor('qa')).toThrow(/orders: has no environment 'qa'; its environments are develop, prod/);
  });
});

describe('ServiceDefinition: every bad input gets the project\'s error, naming the field, the value and what is allowed', () => {
  test.each<[string, unknown, RegExp]>([
    ['null', null, /^the description must be an object; got null$/],
    ['an array', [], /^the description must be an object; got \[\]$/],
    ['an empty object', {}, /platformVersion is required \(a string\); got nothing\nspec is required \(an object\); got nothing\ntargets is required \(a list\); got nothing/],
    ['a secret that is a number', withChange((d) => { d.spec.secrets = { DB: 42 }; }), /spec\.secrets\.DB must be a string; got 42/],
    ['a config value that is an object', withChange((d) => { d.spec.config = { A: { b: 1 } }; }), /spec\.config\.A must be a string; got \{"b":1\}/],
    ['targets that are not a list', withChange((d) => { d.targets = 'develop'; }), /targets must be a list; got "develop"/],
    ['no target', withChange((d) => { d.targets = []; }), /targets must hold at least 1 entries; got 0/],
  ])('GIVEN %s WHEN parsed THEN the error says what type was expected', (_case, description, message) => {
    expect(problemsOf(description)).toMatch(message);
  });

  test.each(['order_svc', '', 'ördërs', 'a--b', 'Orders', 'ab', 'x'.repeat(33), '-orders'])(
    'GIVEN the name %j WHEN parsed THEN it is refused as a DNS label, before CDK sees it', (name) => {
      expect(problemsOf(withChange((d) => { d.spec.name = name; })))
        .toMatch(/spec\.name must be a DNS label of 3-32 lowercase letters, digits and single hyphens/);
    });

  test.each([
    ['256 characters and more', 'x'.repeat(257), /a tag value holds at most 256 characters; got 257/],
    ['< > ; &', '<team>;&', /a tag value may hold only letters, digits, spaces and _ \. : \/ = \+ - @/],
    ['a newline', 'team\nb', /a tag value may hold only/],
    ['an exclamation mark', 'team!', /a tag value may hold only/],
    ['a comma', 'team,b', /a tag value may hold only/],
  ])('GIVEN an owner with %s WHEN parsed THEN it is refused as a tag IAM would refuse', (_case, owner, message) => {
    expect(problemsOf(withChange((d) => { d.spec.owner = owner; }))).toMatch(new RegExp(`spec\\.owner: tag "Owner"=.*${message.source}`));
  });

  test('GIVEN an empty cost center or a Compliance value with a comma WHEN parsed THEN both are named', () => {
    expect(problemsOf(withChange((d) => { d.spec.costCenter = ' '; d.compliance = 'nist-800-53-r5,soc2'; })))
      .toMatch(/spec\.costCenter needs a value \(the CostCenter tag\); got " "\ncompliance: tag "Compliance"="nist-800-53-r5,soc2": a tag value may hold only/);
  });

  test.each([
    ['a space', '/api/my orders/*', /spec\.route\.pathPattern may hold only letters, digits, _ - \. \$ \/ ~ " ' @ : \+ & and the wildcards \* and \?/],
    ['unicode', '/api/ördërs/*', /spec\.route\.pathPattern may hold only/],
    ['a <', '/api/<orders>/*', /spec\.route\.pathPattern may hold only/],
    ['six wildcards', '/a*/b*/c*/d*/e*/f*', /spec\.route holds 6 wildcards \(\* \?\) in its path pattern and host header; a listener rule allows at most 5/],
    ['no leading slash', 'api/*', /spec\.route\.pathPattern must start with '\/'/],
    ['129 characters', `/${'a'.repeat(127)}*`, /spec\.route\.pathPattern holds at most 128 characters; got 129/],
  ])('GIVEN a path pattern with %s WHEN parsed THEN the listener rule is refused before CloudFormation sees it', (_case, pathPattern, message) => {
    expect(problemsOf(withChange((d) => { d.spec.route.pathPattern = pathPattern; }))).toMatch(message);
  });

  test('GIVEN a route without a path pattern, a public service without a route, an internal one with a route THEN each is named', () => {
    expect(problemsOf(withChange((d) => { delete d.spec.route.pathPattern; }))).toMatch(/spec\.route\.pathPattern is required \(a string\); got nothing/);
    expect(problemsOf(withChange((d) => { delete d.spec.route; }))).toMatch(/spec\.route is required for a public service: give it a pathPattern \(e\.g\. '\/orders\/\*'\)/);
    expect(problemsOf(withChange((d) => { d.spec.route = { pathPattern: '/x/*', priority: 1 }; }, internalService)))
      .toMatch(/spec\.route must be omitted for an internal service/);
    expect(problemsOf(withChange((d) => { delete d.spec.route.priority; }))).toMatch(/spec\.route\.priority is required: the platform assigns priorities fleet-wide/);
  });

  test('GIVEN a 2,000-character health check path or one with a shell character THEN it is refused', () => {
    expect(problemsOf(withChange((d) => { d.spec.healthCheckPath = `/${'h'.repeat(1999)}`; })))
      .toMatch(/spec\.healthCheckPath must start with '\/' and hold at most 1024 letters, digits and \. _ ~ \/ -/);
    expect(problemsOf(withChange((d) => { d.spec.healthCheckPath = '/health;reboot'; }))).toMatch(/spec\.healthCheckPath must start with/);
  });

  test('GIVEN route.loadBalancer 1 while the environment has one load balancer THEN it is refused (its listener parameter would not exist)', () => {
    expect(problemsOf(withChange((d) => { d.spec.route.loadBalancer = 1; })))
      .toMatch(/spec\.route\.loadBalancer 1 does not exist in develop, which has 1 load balancer \(0-0\)/);
    expect(problemsOf(withChange((d) => { d.spec.route.loadBalancer = 1; d.targets.forEach((t: any) => { t.loadBalancers = 2; }); }))).toBe('');
  });

  test.each([
    ['memory', /spec\.memory is not a field of spec \(did you mean 'memoryLimitMiB'\?\)/],
    ['privileged', /spec\.privileged is not a field of spec; the fields are name, exposure, runtime/],
    ['enableExecuteCommand', /spec\.enableExecuteCommand is not a field of spec/],
    ['desiredcount', /spec\.desiredcount is not a field of spec \(did you mean 'desiredCount'\?\)/],
  ])('GIVEN the unknown field %s WHEN parsed THEN it is an error, not silently ignored', (field, message) => {
    expect(problemsOf(withChange((d) => { d.spec[field] = 1; }))).toMatch(message);
  });

  test('GIVEN no cpu and no desiredCount WHEN parsed THEN both are required: nothing becomes 256 or null silently', () => {
    expect(problemsOf(withChange((d) => { delete d.spec.cpu; delete d.spec.desiredCount; })))
      .toBe('spec.cpu is required (a number); got nothing\nspec.desiredCount is required (a number); got nothing');
  });

  test('GIVEN a size Fargate does not run, in the service or in one environment THEN the field and the allowed sizes are named', () => {
    expect(problemsOf(withChange((d) => { d.spec.cpu = 300; }))).toMatch(/spec\.cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384; got 300/);
    expect(problemsOf(withChange((d) => { d.spec.environments = { prod: { memoryLimitMiB: 8192 } }; })))
      .toBe('spec.environments.prod.memoryLimitMiB must be a Fargate size with cpu 512: 1024-4096 in steps of 1024; got 8192');
  });

  test('GIVEN task counts out of order THEN the environment they come from is named', () => {
    expect(problemsOf(withChange((d) => { d.spec.minCapacity = 5; d.spec.maxCapacity = 3; })))
      .toMatch(/spec\.minCapacity \(in develop\) must not exceed maxCapacity; got minCapacity 5 and maxCapacity 3/);
    expect(problemsOf(withChange((d) => { d.spec.desiredCount = 11; }))).toMatch(/spec\.desiredCount must be at most 10; got 11/);
  });

  describe('secrets: a prod secret is a prod secret', () => {
    test('GIVEN a develop secret for every environment THEN prod refuses it, saying where to give prod its own', () => {
      expect(problemsOf(withChange((d) => { d.spec.secrets = { DB: developSecret('orders/db') }; })))
        .toBe('spec.secrets.DB (in prod) is a secret in account 111111111111 and Region us-east-1, but prod runs in 444444444444 eu-west-1: '
          + 'a secret must be in its environment\'s account and Region (give prod its own under spec.environments.prod.secrets)\n'
          + 'spec.secrets.DB (in prod) is the secret \'develop/orders/db\', which is not this service\'s: a service\'s own secrets are named '
          + '\'prod/orders/...\'; a secret several services use is named \'prod/shared/...\' and declared in sharedSecrets');
    });

    test('GIVEN each environment its own secret THEN both are accepted', () => {
      expect(problemsOf(withChange((d) => {
        d.spec.environments = { develop: { secrets: { DB: developSecret('orders/db') } }, prod: { secrets: { DB: prodSecret('orders/db') } } };
      }))).toBe('');
    });

    test('GIVEN another service\'s secret THEN it is refused; GIVEN a shared secret declared as shared THEN it is accepted', () => {
      const other = withChange((d) => { d.targets = [d.targets[0]]; d.spec.secrets = { PAY: developSecret('payments/key') }; });
      expect(problemsOf(other)).toMatch(/spec\.secrets\.PAY \(in develop\) is the secret 'develop\/payments\/key', which is not this service's/);
      const shared = withChange((d) => { d.targets = [d.targets[0]]; d.spec.sharedSecrets = { KAFKA_PASSWORD: developSecret('shared/kafka') }; });
      expect(problemsOf(shared)).toBe('');
      expect(ServiceDefinition.parse(shared).specFor('develop').secrets[0]).toMatchObject({ variable: 'KAFKA_PASSWORD', shared: true });
      const notShared = withChange((d) => { d.targets = [d.targets[0]]; d.spec.sharedSecrets = { X: developSecret('orders/x') }; });
      expect(problemsOf(notShared)).toMatch(/which is not one of develop's shared secrets: shared secrets are named 'develop\/shared\/\.\.\.'/);
    });

    test('GIVEN a partial ARN, or a stage and an id together THEN the reference is refused', () => {
      expect(problemsOf(withChange((d) => { d.targets = [d.targets[0]]; d.spec.secrets = { DB: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:develop/orders/db' }; })))
        .toMatch(/spec\.secrets\.DB \(in develop\) must be the complete ARN of a Secrets Manager secret/);
    });
  });

  test('GIVEN a dynamic reference as a config value THEN it is refused: config is stored in plain SSM String parameters', () => {
    expect(problemsOf(withChange((d) => { d.spec.config = { DB: '{{resolve:secretsmanager:prod/db}}' }; })))
      .toMatch(/spec\.config\.DB \(in develop\) is a dynamic reference \("\{\{resolve:secretsmanager:prod\/db\}\}"\): configuration is stored in plain SSM String parameters/);
  });

  test('GIVEN calls to itself, to a malformed name, twice, or to more than 4 services THEN each is named; GIVEN valid calls THEN every environment has them', () => {
    expect(problemsOf(withChange((d) => { d.spec.calls = ['orders', 'Ledger!', 'ledger', 'ledger', 'a1c', 'b2c', 'c3d']; })).split('\n')).toEqual([
      'spec.calls must name services (DNS labels of 3-32 lowercase letters, digits and single hyphens); got "Ledger!"',
      'spec.calls must not name the service itself (\'orders\'): calls are made between services',
      'spec.calls must name each service once; got ledger more than once',
      'spec.calls names 7 services; a service may call at most 4: its tasks carry one security group per service they call besides their own, '
        + 'and a network interface carries 5 (the VPC quota\'s default)',
    ]);
    expect(problemsOf(withChange((d) => { d.spec.calls = 'ledger'; }))).toMatch(/spec\.calls must be a list/);
    const definition = ServiceDefinition.parse(withChange((d) => { d.spec.calls = ['ledger', 'rates']; }));
    expect(definition.specs.map((s) => s.calls)).toEqual([['ledger', 'rates'], ['ledger', 'rates']]);
    expect(ServiceDefinition.parse(publicService()).specFor('prod').calls).toEqual([]);
  });

  test('GIVEN a config value over 4,096 characters or a reserved variable THEN each is named', () => {
    expect(problemsOf(withChange((d) => { d.targets = [d.targets[0]]; d.spec.config = { BIG: 'x'.repeat(4097), AWS_REGION: 'x' }; })))
      .toBe('spec.config.AWS_REGION (in develop): the name must not be KAFKA_BROKERS (set by the platform) or start with AWS_ or ECS_ (reserved by ECS)\n'
        + 'spec.config.BIG (in develop) must hold 1-4096 characters (it becomes a standard SSM parameter); got 4097');
  });

  test.each([
    ['account 1234', (t: any) => { t.account = '1234'; }, /targets\[0\]\.account must be an AWS account id of 12 digits; got "1234"/],
    ['region mars-1', (t: any) => { t.region = 'mars-1'; }, /targets\[0\]\.region must be an AWS Region such as us-east-1 or eu-west-1; got "mars-1"/],
    ['region us-est-1', (t: any) => { t.region = 'us-est-1'; }, /did you mean 'us-east-1'\?/],
    ['a connection of another account', (t: any) => { t.account = '999999999999'; },
      /targets\[0\]\.connectionArn must be in the environment's account 999999999999 and Region us-east-1; got one in 111111111111 us-east-1/],
    ['an environment name that is not a DNS label', (t: any) => { t.environment = 'Prod_1'; }, /targets\[0\]\.environment must be a DNS label of 2-16/],
  ])('GIVEN a target with %s THEN it is refused', (_case, change, message) => {
    expect(problemsOf(withChange((d) => change(d.targets[0])))).toMatch(message);
  });

  test('GIVEN settings for an environment the service is not in THEN the nearest environment is suggested', () => {
    expect(problemsOf(withChange((d) => { d.spec.environments = { prd: { desiredCount: 3 } }; })))
      .toBe('spec.environments.prd is not one of the service\'s environments (did you mean \'prod\'?); the targets are develop, prod');
  });

  test('GIVEN the same environment twice THEN it is refused', () => {
    expect(problemsOf(withChange((d) => { d.targets = [d.targets[0], d.targets[0]]; }))).toMatch(/targets must list each environment once; got develop more than once/);
  });

  test('GIVEN every problem at once WHEN parsed THEN one error lists them all, with where the description came from', () => {
    const bad = withChange((d) => { d.spec.cpu = 300; d.spec.exposure = 'publik'; d.spec.memory = 1; });
    expect(() => ServiceDefinition.parse(bad, 'services/orders/service.json')).toThrow(
      /^services\/orders\/service\.json: 3 problems:\n {2}- spec\.exposure must be one of public, internal; got "publik"\n {2}- spec\.cpu must be one of/);
  });

  test('GIVEN a file that is not JSON or does not exist THEN the file is named', () => {
    expect(() => ServiceDefinition.fromFile('/nonexistent/service.json')).toThrow(/^\/nonexistent\/service\.json: cannot be read: ENOENT/);
  });
});

describe('the JSON Schema of service.json', () => {
  test('is generated from the same definition: closed objects, required fields, enums, ranges and descriptions', () => {
    const schema = ServiceDefinition.jsonSchema();
    const spec = schema.properties.spec;

    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['platformVersion', 'spec', 'targets']);
    expect(spec.additionalProperties).toBe(false);
    expect(spec.required).toEqual(expect.arrayContaining(['name', 'exposure', 'runtime', 'cpu', 'memoryLimitMiB', 'desiredCount', 'owner']));
    expect(spec.properties.exposure.enum).toEqual(['public', 'internal']);
    expect(spec.properties.desiredCount).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
    expect(spec.properties.cpu.description).toMatch(/Fargate CPU units/);
    expect(spec.properties.environments.additionalProperties.properties).toHaveProperty('secrets');
  });
});
