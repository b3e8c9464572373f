import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { stageApp } from '../../infra/stage-app.js';
import { committedStages, loadStage, stackIdOf, type StageConfig } from '../../infra/stage-config.js';
import { limitsForFleet, PUBLIC_ROUTE } from '../../infra/throttling.js';
import { authorizerOf } from '../../shared/http/route-entry.js';
import { logicalIdOf, statementsOfRole, targetsByRouteKey, type Resource } from './template-queries.js';

/**
 * The environments `cdk` synthesizes in: a concrete account and region (with credentials), and none (no credentials).
 * The account's come first: cfn-lint lints them while the rest of this file runs.
 */
const ACCOUNT = '111122223333/eu-west-2';
const ENVIRONMENTS = { [ACCOUNT]: { account: '111122223333', region: 'eu-west-2' }, 'environment-agnostic': undefined } as const;

/**
 * A stage synthesized as `cdk synth -c stage=<s>` does (cdk-nag on; no bundling: the template is what is checked; no
 * built-in CloudFormation validation unless asked: cfn-lint validates each stage's template below, and better).
 */
function synthesizeStage(stage: string, env?: { account: string; region: string }, builtinCloudFormationValidation = false): Template {
  const appProps = { context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation };
  const { app, stack } = stageApp({ stage, env, appProps });
  const assembly = app.synth(); // throws on any unacknowledged cdk-nag finding
  return Template.fromJSON(assembly.getStackByName(stack.stackName).template as Record<string, unknown>);
}

const templates = new Map<string, Template>();
const templateOf = (stage: string, environment: keyof typeof ENVIRONMENTS = 'environment-agnostic') => {
  const key = `${stage} ${environment}`;
  if (!templates.has(key)) templates.set(key, synthesizeStage(stage, ENVIRONMENTS[environment]));
  return templates.get(key)!;
};

describe('every committed stage deploys: synthesized with and without an account, cdk-nag on', () => {
  it('has the stages dev and prod committed', () => {
    expect(committedStages()).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  for (const environment of Object.keys(ENVIRONMENTS) as (keyof typeof ENVIRONMENTS)[]) {
    for (const stage of committedStages()) {
      it(`${stage}, ${environment}`, () => {
        const template = templateOf(stage, environment);
        expect(Object.keys(template.findResources('AWS::Lambda::Function')).length).toBeGreaterThan(ROUTES.length);
        if (CFN_LINT && committedStages().every((s) => templates.has(`${s} ${ACCOUNT}`))) void lintAccountTemplates();
      });
    }
  }

  it('calls every route through its function\'s live alias, which CodeDeploy shifts and rolls back on the route\'s alarms; backs up every table; keeps the audit trail append-only (#39)', () => {
    for (const [stage, shift] of [['prod', 'CodeDeployDefault.LambdaCanary10Percent5Minutes'], ['dev', 'CodeDeployDefault.LambdaAllAtOnce']] as const) {
      const template = templateOf(stage, ACCOUNT);
      const aliases = template.findResources('AWS::Lambda::Alias') as Record<string, Resource>;
      const targets = [...targetsByRouteKey(template).values()];
      expect(targets.every((target) => aliases[target]?.Properties.Name === 'live'), stage).toBe(true);
      expect(new Set(targets).size).toBe(ROUTES.length);
      const groups = Object.values(template.findResources('AWS::CodeDeploy::DeploymentGroup') as Record<string, Resource>);
      expect(groups).toHaveLength(ROUTES.length);
      const alarms = template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
      for (const group of groups) {
        expect(group.Properties.DeploymentConfigName, stage).toBe(shift);
        expect(group.Properties.AutoRollbackConfiguration).toEqual({ Enabled: true, Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM']) });
        // The route's own error and latency alarms stop its deploy.
        const names = (group.Properties.AlarmConfiguration.Alarms as { Name: unknown }[]).map((a) => alarms[logicalIdOf(a.Name)]!.Properties.AlarmName as string);
        expect(names, stage).toHaveLength(2);
        expect(names.map((n) => n.replace(/^joi-energy-[a-z]+-/, '').replace(/(Errors|P99Latency)$/, ''))).toEqual([expect.any(String), expect.any(String)]);
        expect(new Set(names.map((n) => n.replace(/(Errors|P99Latency)$/, ''))).size).toBe(1);
      }
      // Backups cover every data table, the audit table included: retained, PITR, and never changed by any role.
      const tables = template.findResources('AWS::DynamoDB::Table') as Record<string, Resource & { DeletionPolicy?: string }>;
      const selection = Object.values(template.findResources('AWS::Backup::BackupSelection') as Record<string, Resource>)[0]!;
      expect((selection.Properties.BackupSelection.Resources as unknown[]).map((arn) => logicalIdOf(arn)).sort(), stage).toEqual(Object.keys(tables).sort());
      const [auditId, audit] = Object.entries(tables).find(([id]) => id.startsWith('AuditTable'))!;
      expect(audit, stage).toMatchObject({ DeletionPolicy: 'Retain', Properties: { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } } });
      for (const role of Object.keys(template.findResources('AWS::IAM::Role'))) {
        const onAudit = statementsOfRole(template, role).filter((s) => JSON.stringify(s.Resource).includes(auditId));
        expect(onAudit.flatMap((s) => [s.Action].flat()).filter((a) => !['dynamodb:PutItem', 'dynamodb:Query'].includes(a)), `${stage} ${role}`).toEqual([]);
      }
      // Inside CloudFormation's 500 resources per stack. A route costs 9 (function, role, integration, route, two
      // alarms, version, alias, deployment group; the functions share one log group and API Gateway invokes them with
      // one role): 500 is reached near 46 routes. Past 490, the next routes need a nested stack or shared roles.
      expect(Object.keys(template.toJSON().Resources).length, stage).toBeLessThanOrEqual(490);
    }
  });

  it('derives every physical name from the stage: two stages in one account share none', () => {
    const namesOf = (stage: string) => {
      const template = templateOf(stage, ACCOUNT).toJSON() as { Resources: Record<string, Resource> };
      const names = new Set<string>();
      // Names that must be unique in an account and region: a resource's own *Name or Domain, and the names inside
      // CloudFront's policy and origin access control configs. Names scoped to a parent (an inline policy in its role,
      // an authorizer or stage in its API, a group or client in its user pool) cannot collide across stacks.
      const scoped = new Set(['AWS::IAM::Policy', 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::Stage', 'AWS::Cognito::UserPoolGroup', 'AWS::Cognito::UserPoolClient', 'AWS::Lambda::Alias']);
      for (const resource of Object.values(template.Resources)) {
        if (scoped.has(resource.Type)) continue;
        const properties = resource.Properties ?? {};
        for (const [key, value] of Object.entries(properties)) {
          // A deployment config is one of CodeDeploy's own, named the same for everyone.
          if (typeof value === 'string' && ((/Name$/.test(key) && key !== 'MetricName' && key !== 'DeploymentConfigName') || key === 'Domain')) names.add(`${resource.Type} ${key}=${value}`);
        }
        for (const config of ['OriginAccessControlConfig', 'ResponseHeadersPolicyConfig', 'CachePolicyConfig']) {
          if (typeof properties[config]?.Name === 'string') names.add(`${resource.Type} ${config}.Name=${properties[config].Name}`);
        }
      }
      return names;
    };
    const [dev, prod] = [namesOf('dev'), namesOf('prod')];
    for (const kind of ['DashboardName', 'AlarmName', 'Domain', 'AWS::ApiGatewayV2::Api Name', 'OriginAccessControlConfig.Name', 'ResponseHeadersPolicyConfig.Name']) {
      expect([...dev].some((name) => name.includes(kind)), kind).toBe(true);
    }
    expect([...dev].filter((name) => prod.has(name))).toEqual([]);
  });
});

/**
 * cfn-lint is a Python tool (`pip install cfn-lint`), on neither npm nor Debian: where it is missing, CDK validates.
 * Looked up on the PATH, not run: its `--version` alone is a second of Python start-up.
 */
const CFN_LINT = (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, 'cfn-lint')));

/** cfn-lint (.cfnlintrc.yaml: every rule on) over files, in one process (its start-up is a good part of its time). */
const cfnLint = (files: string[]) =>
  new Promise<{ status: number | null; output: string }>((resolve) => {
    const lint = spawn('cfn-lint', files);
    lint.once('error', (error) => resolve({ status: null, output: error.message })); // found on the PATH, yet not runnable
    let output = '';
    lint.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    lint.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    lint.once('close', (status) => resolve({ status, output }));
  });

/**
 * cfn-lint over every stage's account template, once: started as soon as those templates are made (the first tests
 * above), it runs while the rest of this file does. Its 12 core-s took over a minute on a loaded machine when it
 * started last, in a hook of its own.
 */
let accountTemplatesLint: Promise<{ status: number | null; output: string }> | undefined;
function lintAccountTemplates() {
  accountTemplatesLint ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'joi-lint-'));
    try {
      const files = committedStages().map((stage) => {
        const file = join(dir, `${stage}.template.json`);
        // Written without cdk-nag's acknowledgements (resources' Metadata.cdk_nag): notes for cdk-nag, which
        // CloudFormation ignores, and a third of cfn-lint's time. The shared template itself is left as synthesized.
        writeFileSync(file, JSON.stringify(templateOf(stage, ACCOUNT).toJSON(), (key, value: unknown) => (key === 'cdk_nag' ? undefined : value)));
        return file;
      });
      return await cfnLint(files);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return accountTemplatesLint;
}

describe('every committed stage passes CloudFormation validation, as production would validate it', () => {
  // A minute to finish, as a hook gets: the lint has run since the first tests of the file.
  it(CFN_LINT ? 'passes cfn-lint, every rule on, with no error or warning: each stage for an account' : "passes CDK's built-in CloudFormation validation (cfn-lint is not installed): each stage for an account", { timeout: 60_000 }, async () => {
    if (CFN_LINT) expect(await lintAccountTemplates()).toEqual({ status: 0, output: '' });
    else for (const stage of committedStages()) synthesizeStage(stage, ENVIRONMENTS[ACCOUNT], true); // throws on a finding
  });
});

describe('a production stage says what production needs', () => {
  const complete: StageConfig = loadStage('prod');
  const refusalOf = (config: Record<string, unknown>) => {
    const dir = mkdtempSync(join(tmpdir(), 'joi-stages-'));
    writeFileSync(join(dir, 'live.json'), JSON.stringify(config));
    try {
      loadStage('live', dir);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };
  const without = (key: keyof StageConfig) => Object.fromEntries(Object.entries(complete).filter(([k]) => k !== key));

  it('refuses synth naming each missing setting: alarm destination, SES identity, catalogue, fleet', () => {
    expect(refusalOf(complete)).toBe('');
    expect(refusalOf(without('alarms'))).toContain('a production stage needs:\n  - "alarms"');
    expect(refusalOf({ ...complete, alarms: { emails: [] } })).toContain('"alarms"');
    expect(refusalOf(without('email'))).toContain('"email": an SES identity');
    expect(refusalOf(without('pricePlansFile'))).toContain('"pricePlansFile"');
    expect(refusalOf({ ...complete, pricePlansFile: 'shared/catalogue/price-plans.json' })).toContain('is the demo catalogue');
    expect(refusalOf({ ...complete, demoAccounts: true })).toContain('"demoAccounts": must be false');
    expect(refusalOf(without('fleet'))).toContain('"fleet"');
    const all = refusalOf({ production: true });
    for (const setting of ['"alarms"', '"email"', '"pricePlansFile"', '"fleet"']) expect(all).toContain(setting);
  });

  it('keeps dev convenient: no production settings needed', () => {
    expect(loadStage('dev').production).toBe(false);
  });

  it('builds a prod whose every alarm has an action into a subscribed topic, mails through SES, and seeds no demo', () => {
    const prod = templateOf('prod', ACCOUNT);
    const alarms = Object.values(prod.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>);
    expect(alarms.length).toBeGreaterThan(2 * ROUTES.length); // each route's errors and latency, and the rest
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions?.length, alarm.Properties.AlarmName).toBeGreaterThan(0);
    const topic = Object.keys(prod.findResources('AWS::SNS::Topic'))[0]!;
    const subscriptions = Object.values(prod.findResources('AWS::SNS::Subscription') as Record<string, Resource>).filter((s) => s.Properties.TopicArn.Ref === topic);
    expect(subscriptions.length).toBeGreaterThanOrEqual(1);
    prod.hasResourceProperties('AWS::Cognito::UserPool', { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', From: 'JOI Energy <no-reply@example.com>' }, DeletionProtection: 'ACTIVE' });
    const [seed] = Object.values(prod.findResources('Custom::SeedTables') as Record<string, Resource>);
    expect(seed!.Properties.demoAccounts).toBe('false');
    expect(seed!.Properties.catalogue).not.toMatch(/price-plan-0|Dr Evil/);
    expect(JSON.stringify(prod.toJSON())).not.toMatch(/smart-meter-\d/);
  });

  it("reads its own stage's metrics: prod's service name is not dev's, in every function and every alarm", () => {
    const servicesOf = (template: Template) => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>);
      const fromFunctions = functions.map((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME).filter(Boolean);
      const fromAlarms = [...JSON.stringify(template.findResources('AWS::CloudWatch::Alarm')).matchAll(/"Name":"service","Value":"([^"]+)"/g)].map((m) => m[1]);
      return { fromFunctions: new Set(fromFunctions), fromAlarms: new Set(fromAlarms) };
    };
    const [dev, prod] = [servicesOf(templateOf('dev')), servicesOf(templateOf('prod'))];
    expect([...dev.fromFunctions]).toEqual(['joi-energy-dev']);
    expect([...dev.fromAlarms]).toEqual(['joi-energy-dev']);
    expect([...prod.fromFunctions]).toEqual(['joi-energy-prod']);
    expect([...prod.fromAlarms]).toEqual(['joi-energy-prod']);
    expect(JSON.stringify(templateOf('prod').findResources('AWS::CloudWatch::Dashboard'))).not.toContain('joi-energy-dev');
  });
});

describe('throttling sized from the fleet', () => {
  const thousands = (n: number, decimals = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

  it("gives each route the limits docs/deploying.md's formula gives for the committed fleet (meters, reads and writes apart)", () => {
    const fleet = loadStage('prod').fleet!;
    const limits = limitsForFleet(fleet);
    const stage = Object.values(templateOf('prod').findResources('AWS::ApiGatewayV2::Stage') as Record<string, Resource>)[0]!.Properties;
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: limits.reads.rateLimit, ThrottlingBurstLimit: limits.reads.burstLimit });
    for (const route of ROUTES) {
      const settings = stage.RouteSettings[`${route.method} ${route.path}`];
      const guard = authorizerOf(route);
      const expected = guard === 'none' ? PUBLIC_ROUTE : route.access.audiences.includes('meter') ? limits.ingest : route.method === 'GET' ? undefined : limits.writes;
      expect(settings && { rateLimit: settings.ThrottlingRateLimit, burstLimit: settings.ThrottlingBurstLimit }, `${route.method} ${route.path}`).toEqual(expected);
    }
    // The README's worked row for prod is this computation, to the digit.
    const row = [
      '`prod`',
      thousands(fleet.meters),
      `${fleet.sendEverySeconds} s`,
      `${fleet.sendSpreadSeconds} s`,
      `${thousands(limits.average, 1)}/s`,
      `${thousands(limits.peak, 1)}/s`,
      `${thousands(limits.ingest.rateLimit)} / ${thousands(limits.ingest.burstLimit)}`,
      `${thousands(limits.reads.rateLimit)} / ${thousands(limits.reads.burstLimit)}`,
      `${limits.writes.rateLimit} / ${limits.writes.burstLimit}`,
      `${thousands(limits.authorizerCacheSeconds)} s`,
    ].join(' | ');
    expect(readFileSync('docs/deploying.md', 'utf8')).toContain(`| ${row} |`);
    expect(limits.ingest.rateLimit).toBeGreaterThanOrEqual(Math.ceil(fleet.meters / fleet.sendEverySeconds)); // carries the README's own fleet
  });

  it('keeps the meter-key answers cached longer than the send interval, so most batches cost one Lambda invocation', () => {
    const authorizer = Object.values(templateOf('prod').findResources('AWS::ApiGatewayV2::Authorizer') as Record<string, Resource>).find((a) => a.Properties.AuthorizerType === 'REQUEST')!;
    expect(authorizer.Properties.AuthorizerResultTtlInSeconds).toBe(3600);
    expect(limitsForFleet({ meters: 10, sendEverySeconds: 60 }).authorizerCacheSeconds).toBe(300);
  });

  it('derives the stage without a fleet (dev) from its throttle, as before; the public route keeps its own limit', () => {
    const stage = Object.values(templateOf('dev').findResources('AWS::ApiGatewayV2::Stage') as Record<string, Resource>)[0]!.Properties;
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const publicLimit = { ThrottlingRateLimit: PUBLIC_ROUTE.rateLimit, ThrottlingBurstLimit: PUBLIC_ROUTE.burstLimit };
    expect(stage.RouteSettings).toEqual(Object.fromEntries(ROUTES.filter((r) => r.access.public).map((r) => [`${r.method} ${r.path}`, publicLimit])));
    expect(stackIdOf('dev')).toBe('JoiEnergyApi-dev');
  });
});
