import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEPLOYMENTS_FILE, loadDeployments } from '../src/deployments';

/** deployments.json with one change applied to a copy of the real file, written to a temporary folder. */
function fileWith(change: (entries: any[]) => void): string {
  const entries = JSON.parse(fs.readFileSync(DEPLOYMENTS_FILE, 'utf-8'));
  change(entries);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deployments-')), 'deployments.json');
  fs.writeFileSync(file, JSON.stringify(entries));
  return file;
}

describe('deployments.json is checked when it is read, every problem named', () => {
  test('GIVEN the repository\'s file WHEN loaded THEN it passes', () => {
    expect(loadDeployments().map((d) => d.profile.name)).toEqual(['develop', 'test', 'qa', 'prod']);
  });

  test.each<[string, (e: any[]) => void, RegExp]>([
    ['account 1234', (e) => { e[0].account = '1234'; }, /develop\.account must be an AWS account id of 12 digits; got "1234"/],
    ['region mars-1', (e) => { e[0].region = 'mars-1'; }, /develop\.region must be an AWS Region such as us-east-1/],
    ['zones of another Region', (e) => { e[1].availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']; },
      /test\.availabilityZones must be zones of us-east-1 \(us-east-1a, us-east-1b, \.\.\.\); got 'eu-west-1a'/],
    ['a broker on 9092 while the port is 9094', (e) => { e[2].kafka.brokers = ['b-1.kafka.qa.internal:9092']; },
      /qa\.kafka\.brokers entry 'b-1\.kafka\.qa\.internal:9092' is on port 9092, but the security group rules open only kafka\.port 9094/],
    ['a 5,000-character broker list', (e) => { e[3].kafka.brokers = Array.from({ length: 200 }, (_, i) => `broker-${i}.kafka.prod.example.internal:9094`); },
      /prod\.kafka\.brokers joined with commas holds \d{4} characters; it is published as one standard SSM parameter, which holds at most 4096/],
    ['brokers that are not a list', (e) => { e[0].kafka.brokers = 'b-1:9094'; }, /develop\.kafka\.brokers must be a list of host:port; got "b-1:9094"/],
    ['an unknown environment', (e) => { e[0].environment = 'staging'; }, /staging\.environment: environment must be one of: develop, test, qa, prod; got 'staging'/],
    ['a prefix list name for its id', (e) => { e[3].s3PrefixListId = 'com.amazonaws.us-east-1.s3'; },
      /prod\.s3PrefixListId must be the id of the prefix list com\.amazonaws\.us-east-1\.s3 \(pl- and 8 or 17 hex digits; aws ec2 describe-managed-prefix-lists --region us-east-1 .*\); got "com\.amazonaws\.us-east-1\.s3"/],
    ['no S3 prefix list', (e) => { delete e[0].s3PrefixListId; }, /develop\.s3PrefixListId must be a string; got undefined/],
    ['a missing field', (e) => { delete e[0].certificateArn; }, /develop\.certificateArn must be a string; got undefined/],
    ['an unknown field', (e) => { e[0].natGateways = 2; }, /develop\.natGateways is not a field of an environment/],
  ])('GIVEN %s WHEN loaded THEN it is refused', (_case, change, message) => {
    expect(() => loadDeployments(fileWith(change))).toThrow(message);
  });
});
