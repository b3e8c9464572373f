import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { JoiEnergyStack } from '../../infra/joi-energy-stack.js';

/** The documents a reader is sent to: the front door, one page per reader, and the benchmarks. */
const DOCUMENTS = ['README.md', 'BENCHMARKS.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading (github-slugger): lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every relative link of a markdown file (outside code), as [target file, anchor]. */
function linksOf(file: string): { target: string; anchor?: string; text: string }[] {
  const links: { target: string; anchor?: string; text: string }[] = [];
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    for (const match of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      const href = match[1]!;
      if (/^[a-z]+:/i.test(href)) continue; // http(s), mailto: not ours to check offline
      const [path, anchor] = href.split('#') as [string, string | undefined];
      links.push({ target: path === '' ? file : normalize(join(dirname(file), path)), anchor, text: match[0] });
    }
  }
  return links;
}

describe('the docs do not drift (links, anchors, routes, alarms)', () => {
  it('has a front door of at most 150 lines that links every page for its reader', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(150);
    for (const page of DOCUMENTS.filter((d) => d.startsWith('docs/'))) expect(readme, page).toContain(`](${page})`);
    for (const page of DOCUMENTS.filter((d) => d.startsWith('docs/'))) {
      expect(readFileSync(page, 'utf8'), page).toMatch(/^# .+\n\n\*\*For\*\* .+\*\*After reading\*\* /); // who it is for, what they can do
    }
  });

  it('resolves every relative link and every #anchor, as GitHub renders them', () => {
    const broken: string[] = [];
    for (const file of DOCUMENTS) {
      for (const { target, anchor, text } of linksOf(file)) {
        if (!existsSync(target)) broken.push(`${file}: ${text} (no ${target})`);
        else if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) broken.push(`${file}: ${text} (no #${anchor} in ${target})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names every route of the route table in docs/api.md', () => {
    const api = readFileSync('docs/api.md', 'utf8');
    const missing = ROUTES.filter((route) => !new RegExp(`^\\| ${route.method} \\| \`${route.path.replace(/[{}?.]/g, '\\$&')}[?\`]`, 'm').test(api));
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('has a runbook row in docs/operations.md for every alarm the stack creates', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const template = Template.fromStack(new JoiEnergyStack(app, 'Docs'));
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, { Properties: { AlarmName: string } }>).map((a) => a.Properties.AlarmName.replace(/^joi-energy-dev-/, ''));
    expect(alarms.length).toBeGreaterThan(2 * ROUTES.length); // each route's errors and latency, and the rest
    const rows = [...readFileSync('docs/operations.md', 'utf8').matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!);
    const functions = [...ROUTES.map((r) => r.operationId), 'authorizer', 'operatorMfaGate'];
    const tables = ['ReadingsTable', 'SummariesTable', 'AccountsTable', 'MeterKeysTable', 'PricePlansTable', 'AuditTable'];
    const rowOf = (alarm: string) =>
      rows.find((row) => row === alarm) ??
      rows.find((row) => row.startsWith('<route>') && functions.some((fn) => alarm === fn + row.slice('<route>'.length))) ??
      rows.find((row) => row.startsWith('<table>') && tables.some((table) => alarm === table + row.slice('<table>'.length)));
    expect(alarms.filter((alarm) => rowOf(alarm) === undefined)).toEqual([]);
  });
});
