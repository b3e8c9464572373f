import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DATABASE_WATCHDOG } from '../../local/dynamodb-local.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The watchdog `npm start` runs DynamoDB Local under, proven with a stand-in for java (`sleep`): whatever command it
 * holds dies when the process that started it dies without a word (SIGKILL), because that closes the watchdog's pipe.
 * The same as a crash of `npm start`'s server; npm start's own stops are in test/integration/local-start.test.ts.
 */
describe('the database watchdog', () => {
  it('stops the command it runs when its starter is killed with SIGKILL, and exits itself', async () => {
    // A starter as dynamodb-local.ts is one: it spawns the watchdog with a pipe, then prints both pids and waits.
    const starter = spawn(process.execPath, ['--input-type=module', '-e', `
      import { spawn } from 'node:child_process';
      const watchdog = spawn(process.execPath, [${JSON.stringify(DATABASE_WATCHDOG)}, 'sleep', '600'], { stdio: ['pipe', 'pipe', 'inherit'] });
      watchdog.stdout.once('data', (chunk) => console.log(watchdog.pid, String(chunk).trim()));
      setInterval(() => undefined, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [watchdog, command] = await new Promise<number[]>((resolve) => starter.stdout!.once('data', (chunk: Buffer) => resolve(String(chunk).trim().split(' ').map(Number))));
    expect(alive(watchdog!) && alive(command!)).toBe(true);
    starter.kill('SIGKILL');
    await expect.poll(() => alive(command!)).toBe(false);
    await expect.poll(() => alive(watchdog!)).toBe(false);
  });
});
