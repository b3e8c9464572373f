// Run in a fresh `node` process: prints how long importing (initialising) one bundle takes, in milliseconds.
const start = performance.now();
await import(new URL(process.argv[2], `file://${process.cwd()}/`).href);
process.stdout.write(String(performance.now() - start));
