import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults for a first run', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      TZ_BUSINESS: 'Asia/Shanghai',
      WEIXI_DEMO: true,
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['TZ_BUSINESS', 'Mars/Olympus'],
    ['WEIXI_ADMIN_EMAIL', 'not-an-email'],
    ['WEIXI_ADMIN_PASSWORD', 'short'],
    ['WEIXI_DEMO', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a bad %s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('reads booleans and an empty DATABASE_URL as unset', () => {
    const c = loadConfig({ WEIXI_DEMO: '0', DATABASE_URL: '' });
    expect(c.WEIXI_DEMO).toBe(false);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).DATABASE_URL).toBe(
      'postgres://u@h:5432/db',
    );
  });
});
