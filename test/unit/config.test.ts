import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, tableName } from '../../shared/config.js';

describe('the configuration, read once from the environment', () => {
  it('defaults what is unset and reads only the tables it is given', () => {
    expect(readConfig({ ACCOUNTS_TABLE_NAME: 'accounts' })).toEqual({
      tables: { accounts: 'accounts' },
      maxGapSeconds: 3600,
      logLevel: 'info',
      metricsOutput: 'emf',
      serviceName: 'joi-energy-local',
      cursorSecret: expect.stringMatching(/^[\w-]{43}$/), // random per process when the stack gives none
      dynamoDbEndpoint: undefined,
      region: undefined,
      accessTokens: undefined,
    });
    const full = readConfig({ LOG_LEVEL: 'WARN', MAX_GAP_SECONDS: '900', JWT_ISSUER: 'https://issuer', JWT_CLIENT_IDS: 'app,machine', METRICS_OUTPUT: 'readable', POWERTOOLS_SERVICE_NAME: 'joi-energy-prod', CURSOR_SECRET: 's3cret' });
    expect(full).toMatchObject({ logLevel: 'warn', maxGapSeconds: 900, metricsOutput: 'readable', serviceName: 'joi-energy-prod', cursorSecret: 's3cret', accessTokens: { issuer: 'https://issuer', clientIds: ['app', 'machine'] } });
  });

  it.each([
    [{ MAX_GAP_SECONDS: 'soon' }, 'MAX_GAP_SECONDS'],
    [{ MAX_GAP_SECONDS: '0' }, 'MAX_GAP_SECONDS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ METRICS_OUTPUT: 'xml' }, 'METRICS_OUTPUT'],
    [{ JWT_ISSUER: 'https://issuer' }, 'JWT_CLIENT_IDS'],
  ])('refuses %j, naming the variable', (env, name) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(name);
  });

  it('names the variable of a table a function uses but was not given', () => {
    expect(() => tableName('summaries')).toThrow('environment variable SUMMARIES_TABLE_NAME is not set');
  });
});
