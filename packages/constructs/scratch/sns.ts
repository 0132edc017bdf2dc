import { CompliancePack, ComplianceGate } from '../src';
import { complianceFixture } from '../test/helpers/compliance-fixture';
for (const f of [{ topicWithoutTls: true }, { topicWithoutKms: true, topicWithoutTls: true }]) {
  const { app } = complianceFixture(f);
  console.log(JSON.stringify(f), ComplianceGate.check(app, { packs: [CompliancePack.AWS_SOLUTIONS] }).toText());
}
