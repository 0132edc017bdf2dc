import { pinProjectTypes, projenNewField, pythonTypeName, withObjectOptions } from '../src/private/new-options';
import { projectTypesVersion } from '../src/private/service-files';

const base = { name: 'checkout', owner: 'team', costCenter: 'cc-1', sourceRepository: 'acme/checkout' };

describe('options given to projen new', () => {
  test('an object option given as JSON text becomes the object; other text is refused, naming the option', () => {
    expect(withObjectOptions({ ...base, config: '{"LOG_LEVEL":"info"}' as any }).config).toEqual({ LOG_LEVEL: 'info' });
    expect(() => withObjectOptions({ ...base, secrets: 'DB=arn' as any })).toThrow(/--secrets must be a JSON object/);
    expect(() => withObjectOptions({ ...base, environments: '[1]' as any })).toThrow(/--environments must be a JSON object/);
  });

  test('a list option given as text (--calls ledger,rates or --calls ledger rates) becomes the list of its names', () => {
    expect(withObjectOptions({ ...base, calls: 'ledger, rates' as any }).calls).toEqual(['ledger', 'rates']);
    expect(withObjectOptions({ ...base, calls: ['ledger'] }).calls).toEqual(['ledger']);
    // what projen new passes for --calls ledger,rates (a list of one text)
    expect(withObjectOptions({ ...base, calls: ['ledger,rates'] }).calls).toEqual(['ledger', 'rates']);
  });

  test('an enum option projen new could not resolve is refused with the allowed values, not defaulted', () => {
    // projen new renders `--exposure sideways` as ServiceExposure.SIDEWAYS: undefined at run time
    const options = { ...base, exposure: undefined, __new__: { args: { exposure: 'sideways' } } };
    expect(() => withObjectOptions(options)).toThrow('--exposure must be one of public, internal; got "sideways"');
    expect(() => withObjectOptions({ ...base, __new__: { args: { exposure: 'public' } } })).not.toThrow();
  });

  test('the project types are pinned to an exact version in the projenrc: a bare name or a range becomes this version, an exact one is kept', () => {
    const version = projectTypesVersion();
    expect(pinProjectTypes('@fargate-platform/projen')).toBe(`@fargate-platform/projen@${version}`);
    expect(pinProjectTypes('@fargate-platform/projen@^0.1.0')).toBe(`@fargate-platform/projen@${version}`);
    expect(pinProjectTypes('@fargate-platform/projen@9.9.9')).toBe('@fargate-platform/projen@9.9.9');
    expect(pinProjectTypes('left-pad@1.0.0')).toBe('left-pad@1.0.0');

    const field = projenNewField({ __new__: { args: { devDeps: ['@fargate-platform/projen'] } } }) as any;
    expect(field.__new__.args.devDeps).toEqual([`@fargate-platform/projen@${version}`]);
  });

  test('a .projenrc.py imports an enum option from the Python module of its assembly, not from its npm name', () => {
    expect(pythonTypeName('@fargate-platform/service-model.ServiceExposure')).toBe('fargate_platform_service_model.ServiceExposure');
    // projen's own types, and anything that is not a jsii assembly with a Python target, are left as they are
    expect(pythonTypeName('projen.javascript.NodePackageManager')).toBe('projen.javascript.NodePackageManager');
    expect(pythonTypeName('no-such-package.Thing')).toBe('no-such-package.Thing');

  });
});
