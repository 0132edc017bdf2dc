import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EnvironmentProfile } from '../../src';
import { atLeastAsStrict, PROFILE_SETTINGS, profileTable, Strictness } from '../../src/environment/private/profile-table';

describe('the environment comparison', () => {
  test.each(EnvironmentProfile.STANDARD.filter((p) => !p.production).map((p) => [p.name, p]))(
    'prod is at least as strict as %s on every ordered setting', (_name, other) => {
      const weaker = PROFILE_SETTINGS.filter((s) => !atLeastAsStrict(s, EnvironmentProfile.PROD, other)).map((s) => s.label);
      expect(weaker).toEqual([]);
    });

  test('every ordered difference makes prod stricter', () => {
    const differences = PROFILE_SETTINGS.filter((s) => s.strictness !== Strictness.OWN)
      .filter((s) => EnvironmentProfile.STANDARD.some((p) => s.value(p) !== s.value(EnvironmentProfile.PROD)));
    expect(differences.length).toBeGreaterThan(5);
  });

  test('the comparison catches a production profile weaker than another environment', () => {
    // GIVEN a production-like profile that keeps less log history than qa
    const weak = EnvironmentProfile.custom({ ...EnvironmentProfile.QA, name: 'weak', logRetention: RetentionDays.ONE_YEAR });
    const retention = PROFILE_SETTINGS.find((s) => s.label.startsWith('log retention'))!;
    const longQa = EnvironmentProfile.custom({ ...EnvironmentProfile.QA, name: 'long', logRetention: RetentionDays.TWO_YEARS });

    // THEN
    expect(atLeastAsStrict(retention, weak, longQa)).toBe(false);
  });

  test('renders a row per setting and a column per environment', () => {
    const table = profileTable(EnvironmentProfile.STANDARD);
    expect(table).toContain('| setting | develop | test | qa | prod | rule |');
    expect(table).toContain('| Fargate Spot share (%) | `30` | `30` | `30` | `0` | lower is stricter |');
    expect(table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| setting')).length).toBe(PROFILE_SETTINGS.length);
  });
});
