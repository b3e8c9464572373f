// Runs DynamoDB Local (the java command in argv) and makes sure it never outlives whoever started this watchdog:
// the parent holds our stdin; when the parent dies, however it dies (kill -9 included), the pipe closes and java is
// stopped. SIGTERM/SIGINT/SIGHUP to this process stop java too. Prints java's pid on the first line of stdout.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const java = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
process.stdout.write(`${java.pid}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  java.kill('SIGTERM');
  setTimeout(() => java.kill('SIGKILL'), 5000).unref();
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
java.on('exit', (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
java.on('error', (error) => {
  process.stderr.write(`cannot start ${command}: ${error.message}\n`);
  process.exit(1);
});
