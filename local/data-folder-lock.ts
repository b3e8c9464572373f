import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One running instance per data folder: two DynamoDB Locals on one folder corrupt each other's writes. The lock file
 * names the pids of the instance (server, watchdog, database); it is stale, and taken over, once none of them lives.
 */
export class DataFolderLock {
  private readonly file: string;

  private constructor(folder: string) {
    this.file = join(folder, 'joi-energy.lock');
  }

  /** Takes the folder's lock, or throws naming the instance that holds it. */
  static acquire(folder: string): DataFolderLock {
    const lock = new DataFolderLock(folder);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(lock.file, JSON.stringify({ pids: [process.pid] }), { flag: 'wx' });
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = lock.livingHolder();
      if (holder !== undefined) {
        throw new Error(`data folder ${folder} is in use by another JOI Energy instance (pid ${holder}): stop it first, or set DATA_DIR`);
      }
      rmSync(lock.file, { force: true }); // stale: its instance is gone
    }
    throw new Error(`could not lock data folder ${folder}`);
  }

  /** Records more pids of this instance (the database's), so a stray of ours still holds the folder. */
  addPids(pids: readonly number[]): void {
    writeFileSync(this.file, JSON.stringify({ pids: [process.pid, ...pids] }));
  }

  release(): void {
    try {
      const { pids } = JSON.parse(readFileSync(this.file, 'utf8')) as { pids: number[] };
      if (pids[0] === process.pid) rmSync(this.file, { force: true });
    } catch {
      // already gone
    }
  }

  private livingHolder(): number | undefined {
    let pids: number[] = [];
    try {
      pids = (JSON.parse(readFileSync(this.file, 'utf8')) as { pids: number[] }).pids;
    } catch {
      return undefined; // unreadable: a crash mid-write; treat as stale
    }
    return pids.find(isAlive);
  }
}

/** A process that runs: a zombie (killed, not yet reaped by its parent) holds nothing. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true; // not Linux: the signal check is all there is
  try {
    return readFileSync(stat, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
