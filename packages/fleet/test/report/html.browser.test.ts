import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { buildEvidence } from '../../src/evidence/evidence';
import { compareReports } from '../../src/report/changes';
import { buildDocument } from '../../src/report/document';
import { renderHtml } from '../../src/report/html';
import { CONTEXT, fixtureRun } from '../fixtures/fleet-run';

/**
 * fleet-report.html in a real browser: Debian's Chromium (scripts/ensure-chromium.sh installs it),
 * driven by playwright-core, on the fixture run. Asserts on what a person sees: text, colours,
 * and a click that drills down. The screenshot is a CI artifact (packages/fleet/screenshots/).
 */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '..', '..', 'screenshots');

/** The colours of the style sheet, as the browser computes them. */
const RED = 'rgb(207, 34, 46)';
const RED_BACKGROUND = 'rgb(255, 235, 233)';
const GREEN_BACKGROUND = 'rgb(218, 251, 225)';
const AMBER_BACKGROUND = 'rgb(255, 248, 197)';

let dir: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run 'npx projen install:chromium' (bash scripts/ensure-chromium.sh)`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-report-'));
  // The previous run had one resource more in orders-develop-runtime: the page has something to show as changed.
  const previous = JSON.parse(JSON.stringify(buildDocument(fixtureRun(), CONTEXT, (c) => compareReports(undefined, c, 'x'))));
  previous.stacks.find((s: { stackName: string }) => s.stackName === 'orders-develop-runtime').resources.Alarm = 'AWS::CloudWatch::Alarm';
  const doc = buildDocument(fixtureRun(), CONTEXT, (current) => compareReports(previous, current, 'fleet-report.json'));
  fs.writeFileSync(path.join(dir, 'fleet-report.html'), renderHtml(doc, buildEvidence(fixtureRun().stacks, ['develop', 'prod'], false, CONTEXT)));

  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  await page.goto(`file://${path.join(dir, 'fleet-report.html')}`);
}, 60_000);

afterAll(async () => {
  await context?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const style = (selector: string, property: 'color' | 'backgroundColor' | 'outlineStyle') =>
  page.locator(selector).evaluate((el, p) => getComputedStyle(el)[p as 'color'], property);
const cell = (id: string) => `a.cell[href="#${id}"]`;

describe('fleet-report.html in Chromium', () => {
  test('the verdict reads FAIL, in red', async () => {
    expect(await page.title()).toBe('Fleet report: FAIL');
    expect(await page.locator('#verdict').innerText()).toBe('FAIL');
    expect(await style('#verdict', 'color')).toBe(RED);
    expect(await page.locator('#totals').innerText()).toMatch(/^2 services in 2 environments, 6 stacks, .*1 open finding, 2 acknowledgments, 1 warning, 1 problem\.$/);
  });

  test('the matrix colours each service in each environment by its status', async () => {
    expect(await page.locator(cell('cell-orders-prod')).innerText()).toMatch(/^fail · 5 resources · 1 open · 1 ack$/);
    expect(await style(cell('cell-orders-prod'), 'backgroundColor')).toBe(RED_BACKGROUND);
    expect(await style(cell('cell-ledger-develop'), 'backgroundColor')).toBe(AMBER_BACKGROUND);
    expect(await style(cell('cell-ledger-prod'), 'backgroundColor')).toBe(GREEN_BACKGROUND);
    expect(await page.locator('table.matrix').first().locator('tbody tr').count()).toBe(3);
  });

  test('a row that changed since the previous run is outlined and says so', async () => {
    expect(await page.locator(cell('cell-orders-develop')).innerText()).toMatch(/· changed$/);
    expect(await style(cell('cell-orders-develop'), 'outlineStyle')).toBe('solid');
    expect(await style(cell('cell-orders-prod'), 'outlineStyle')).toBe('none');
    expect(await page.locator('#changes').innerText()).toMatch(/resources\s+0\s+1\s/);
  });

  test('a click on a cell drills down to its stacks: quota headroom, the open finding, the acknowledgment and its reason', async () => {
    const detail = page.locator('#cell-orders-prod');
    expect(await detail.isVisible()).toBe(false);

    await page.locator(cell('cell-orders-prod')).click();

    expect(await detail.isVisible()).toBe(true);
    const text = await detail.innerText();
    expect(text).toContain('orders-prod-runtime');
    expect(text).toContain('Route: /api/orders/*, priority 100 on load balancer 0.');
    expect(text).toMatch(/open\s+NIST\.800\.53\.R5-IAMNoInlinePolicy\s+orders-prod\/Runtime\/TaskRole\/Policy\/Resource/);
    expect(text).toContain('AwsSolutions-IAM5');
    expect(text).toContain('<b>one action only</b>');
    expect(await detail.locator('tr[data-quota="resources"]').first().innerText()).toMatch(/^resources\s+5\s+500\s+400\s+395\s+1 %$/);
    expect(await page.locator('#cell-ledger-prod').isVisible()).toBe(false);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'fleet-report.png'), fullPage: true });
  });

  test('the route plan and the load balancers\' headroom', async () => {
    expect(await page.locator('table.routes tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^0\s+100\s+\/api\/orders\/\*\s+orders\s+develop, prod$/)]);
    expect(await page.locator('#load-balancers tr[data-quota="listener rules"]').first().innerText()).toMatch(/^listener rules\s+1\s+100\s+80\s+79\s/);
  });

  test('the compliance matrix: a failing control drills down to the finding that fails it', async () => {
    const ac2 = cell('control-ac-2-prod');
    expect(await page.locator(ac2).innerText()).toBe('failing');
    expect(await style(ac2, 'backgroundColor')).toBe(RED_BACKGROUND);

    await page.locator(ac2).click();

    const detail = page.locator('#control-ac-2-prod');
    expect(await detail.isVisible()).toBe(true);
    expect(await detail.innerText()).toMatch(/Open findings\s+NIST\.800\.53\.R5-IAMNoInlinePolicy on orders-prod-runtime\/TaskRolePolicy/);
    expect(await page.locator('#cell-orders-prod').isVisible()).toBe(false);
  });
});
