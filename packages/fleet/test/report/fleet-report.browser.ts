import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { FleetReportDocument } from '../../src/report/document';
import { cellId } from '../../src/report/html';

/**
 * The real fleet-report.html, the one `npx projen fleet` just wrote at the repository root, in
 * Chromium: every row of fleet-report.json is a cell of the matrix with its status, and a cell
 * drills down. Not part of the package's tests (the report does not exist yet when they run):
 * the build runs it after the fleet (`npx projen test:report` in packages/fleet).
 */
const ROOT = path.join(__dirname, '..', '..', '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '..', '..', 'screenshots');

let dir: string;
let context: BrowserContext;
let page: Page;
let report: FleetReportDocument;

beforeAll(async () => {
  const html = path.join(ROOT, 'fleet-report.html');
  if (!fs.existsSync(html)) {
    throw new Error(`${html} is missing: run 'npx projen fleet' first`);
  }
  report = JSON.parse(fs.readFileSync(path.join(ROOT, 'fleet-report.json'), 'utf-8'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-report-'));
  context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  await page.goto(`file://${html}`);
}, 60_000);

afterAll(async () => {
  await context?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the fleet\'s own fleet-report.html in Chromium', () => {
  test('shows the verdict of fleet-report.json', async () => {
    expect(await page.locator('#verdict').innerText()).toBe(report.verdict.toUpperCase());
  });

  test('every row of fleet-report.json is a cell of the matrix, coloured by its status', async () => {
    const cells = await page.locator('table.matrix').first().locator('a.cell').evaluateAll((links) =>
      links.map((a) => ({ href: a.getAttribute('href'), status: a.getAttribute('data-status'), className: a.className })));

    expect(cells).toHaveLength(report.rows.length);
    for (const row of report.rows) {
      const cell = cells.find((c) => c.href === `#${cellId(row.service, row.environment)}`);
      expect({ row: `${row.service}/${row.environment}`, status: cell?.status, coloured: cell?.className.includes(`status-${row.status}`) })
        .toEqual({ row: `${row.service}/${row.environment}`, status: row.status, coloured: true });
    }
  });

  test('a click on the first service in prod drills down to its stacks', async () => {
    const row = report.rows.find((r) => r.service !== '(environment)' && r.environment === 'prod') ?? report.rows[0];
    const id = cellId(row.service, row.environment);

    await page.locator(`a.cell[href="#${id}"]`).click();

    expect(await page.locator(`#${id}`).isVisible()).toBe(true);
    for (const template of row.templates) {
      expect(await page.locator(`#${id}`).innerText()).toContain(template.stackName);
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'fleet-report-real.png') });
  });
});
