import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, lockPath } from './data-dir-lock';

const root = mkdtempSync(path.join(os.tmpdir(), 'weixi-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('embedded data-directory lock', () => {
  it('writes our pid, refuses a second holder in this process, and frees the lock on release', () => {
    const dir = path.join(root, 'a');
    const release = lockDataDir(dir);
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    expect(existsSync(lockPath(dir))).toBe(false);
    lockDataDir(dir)();
  });

  it('refuses a lock held by another live process (pid 1 always exists)', () => {
    const dir = path.join(root, 'b');
    writeFileSync(lockPath(dir), '1');
    expect(() => lockDataDir(dir)).toThrow(/in use by process 1/);
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = path.join(root, 'c');
    writeFileSync(lockPath(dir), '2147483646');
    const release = lockDataDir(dir);
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(String(process.pid));
    release();
  });
});
