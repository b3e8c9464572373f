/**
 * `npm run lint:template`: cfn-lint (the `.cfnlintrc.yaml` rules) on every template `cdk synth` wrote to cdk.out. When
 * cfn-lint is not installed (`pip install cfn-lint`) it says so and passes: the rest of `npm test` still runs.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const templates = readdirSync('cdk.out').filter((f) => f.endsWith('.template.json')).map((f) => `cdk.out/${f}`);
if (templates.length === 0) {
  console.error('no template in cdk.out: run `npm run synth` first');
  process.exit(1);
}
const result = spawnSync('cfn-lint', templates, { stdio: 'inherit' });
if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
  console.log(`cfn-lint is not installed: ${templates.join(', ')} not linted (pip install cfn-lint to lint it as production would)`);
  process.exit(0);
}
if (result.status === 0) console.log(`cfn-lint: ${templates.join(', ')}: no errors or warnings`);
process.exit(result.status ?? 1);
