import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first. A fresh clone has no timings from an earlier run, so vitest would
 * start the largest files first, and a short file that waits minutes on a browser or a year of readings would start
 * last and leave the other cores idle at the end. Keep in step with the ten slowest files `npm test` prints.
 */
export const LONG_POLES = [
  'test/infra/deploy-stages.test.ts',
  'test/e2e/web-app.test.ts',
  'test/integration/local-start.test.ts',
  'test/integration/year-of-readings.test.ts',
  'test/integration/chaos.test.ts',
  'test/integration/octopus-api.test.ts',
  'test/e2e/web-app-defects.test.ts',
  'test/integration/identity.test.ts',
  'test/infra/bundles.test.ts',
  'test/infra/stack.test.ts',
];

/**
 * Vitest's order (timings when known), with the long poles started first and the unit tests last. Vitest then splits
 * the sorted files by `sequence.groupOrder`, keeping this order inside each group, so no group is compared here.
 */
export default class LongPolesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const pathOf = (file: TestSpecification) => relative(file.project.config.root, file.moduleId);
    const rank = (file: TestSpecification) => {
      const index = LONG_POLES.indexOf(pathOf(file));
      return index < 0 ? LONG_POLES.length : index;
    };
    // The unit tests (many, short) last: they fill the cores while the last long files finish.
    const unitLast = (file: TestSpecification) => Number(pathOf(file).startsWith('test/unit/'));
    return sorted
      .map((file, position) => ({ file, position }))
      .sort((a, b) => unitLast(a.file) - unitLast(b.file) || rank(a.file) - rank(b.file) || a.position - b.position)
      .map(({ file }) => file);
  }
}
