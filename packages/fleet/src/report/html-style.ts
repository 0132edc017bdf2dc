/**
 * The style sheet of fleet-report.html. A cell's drill-down is an element shown while it is the
 * page's target (`:target`): a click on a cell changes the URL's fragment, no script needed, and
 * the page works from a file:// URL.
 */
export const STYLE = `
:root { --pass: #1a7f37; --pass-bg: #dafbe1; --warn: #9a6700; --warn-bg: #fff8c5; --fail: #cf222e; --fail-bg: #ffebe9;
  --missing: #57606a; --missing-bg: #eaeef2; --line: #d0d7de; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 24px 48px; color: #1f2328; }
h1 { margin: 24px 0 4px; } h2 { margin-top: 36px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
nav a { margin-right: 12px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 12px; }
.provenance, .note { color: #57606a; }
.badge, .verdict { display: inline-block; border-radius: 12px; padding: 1px 10px; font-weight: 600; font-size: 13px; }
.verdict { font-size: 18px; vertical-align: middle; }
.cell { display: block; text-decoration: none; border-radius: 4px; padding: 4px 8px; min-width: 140px; font-size: 12px; }
.cell.changed { outline: 3px solid #0969da; outline-offset: -3px; }
.status-pass { color: var(--pass); background: var(--pass-bg); }
.status-warn { color: var(--warn); background: var(--warn-bg); }
.status-fail { color: var(--fail); background: var(--fail-bg); }
.status-missing { color: var(--missing); background: var(--missing-bg); }
.ev-enforced { color: var(--pass); background: var(--pass-bg); }
.ev-accepted-risk { color: #0550ae; background: #ddf4ff; }
.ev-gap, .ev-no-evidence { color: var(--warn); background: var(--warn-bg); }
.ev-failing { color: var(--fail); background: var(--fail-bg); }
.detail { display: none; border: 2px solid var(--line); border-radius: 6px; padding: 8px 16px; margin: 12px 0; }
.detail:target { display: block; }
.bar { display: inline-block; width: 120px; height: 8px; background: var(--missing-bg); border-radius: 4px; position: relative; vertical-align: middle; }
.bar > span { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 4px; background: var(--pass); }
.bar > span.high { background: var(--warn); }
.bar > i { position: absolute; left: 80%; top: -2px; bottom: -2px; border-left: 2px solid var(--fail); }
details > summary { cursor: pointer; }
`;
