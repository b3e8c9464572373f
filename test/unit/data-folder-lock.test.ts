import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFolderLock } from '../../local/data-folder-lock.js';

const LOCK_FILE = 'joi-energy.lock';
/** The pid of a process that has ended (and was reaped). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('the data folder lock of npm start (one instance per folder)', () => {
  it('refuses a second instance while the first lives, naming its pid, and frees the folder on release', () => {
    const folder = mkdtempSync(join(tmpdir(), 'joi-lock-'));
    const lock = DataFolderLock.acquire(folder);
    expect(() => DataFolderLock.acquire(folder)).toThrow(`data folder ${folder} is in use by another JOI Energy instance (pid ${process.pid}): stop it first, or set DATA_DIR`);
    lock.release();
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    DataFolderLock.acquire(folder).release();
  });

  it('takes over a lock whose server, watchdog and database were all killed (kill -9 leaves the file behind)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'joi-lock-'));
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ pids: [deadPid(), deadPid(), deadPid()] }));
    const lock = DataFolderLock.acquire(folder);
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8'))).toEqual({ pids: [process.pid] });
    lock.release();
  });

  it('is held while any one of the pids it names lives (a stray database keeps the folder)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'joi-lock-'));
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ pids: [deadPid(), process.ppid] }));
    expect(() => DataFolderLock.acquire(folder)).toThrow(`(pid ${process.ppid})`);
  });

  it('treats an unreadable lock (a crash mid-write) as stale', () => {
    const folder = mkdtempSync(join(tmpdir(), 'joi-lock-'));
    writeFileSync(join(folder, LOCK_FILE), '{"pids": [');
    DataFolderLock.acquire(folder).release();
  });
});
