import { appendFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

// CI reads a plain "N passed, N failed" closing line; vitest's own summary has another shape.
// When WEIXI_FAILURES_FILE is set, each failure (file, test, first line of its error) is appended
// there too, so .ci/run can repeat them at the very end of its output, where a truncated CI log
// still shows them.
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const mod of testModules) {
      let moduleFailures = 0;
      for (const test of mod.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed += 1;
        else if (result.state === 'failed') {
          moduleFailures += 1;
          failures.push(`${mod.moduleId} > ${test.fullName}: ${firstLine(result.errors?.[0]?.message)}`);
        } else skipped += 1;
      }
      // A suite that fails in its hooks or on import has no failed test of its own; count it once.
      if (moduleFailures === 0 && mod.state() === 'failed') {
        moduleFailures = 1;
        // A failing beforeAll/afterAll hook leaves its error on the describe block, not the module.
        const suiteError = [...mod.children.allSuites()].flatMap((s) => s.errors())[0];
        failures.push(`${mod.moduleId} (suite): ${firstLine((mod.errors()[0] ?? suiteError)?.message)}`);
      }
      failed += moduleFailures;
    }
    // Errors thrown outside any test (an unheard 'error' event, say) fail the run although every
    // test passed: count each as a failure so the closing line agrees with the exit code.
    for (const err of unhandledErrors) {
      failed += 1;
      const origin = typeof err.VITEST_TEST_PATH === 'string' ? err.VITEST_TEST_PATH : '(no test file)';
      failures.push(`${origin} (unhandled error): ${firstLine(err.message)}`);
    }
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    const file = process.env.WEIXI_FAILURES_FILE;
    if (file && failures.length > 0) {
      const where = process.cwd();
      appendFileSync(file, `${failures.map((f) => `  ${f.replace(`${where}/`, '')}`).join('\n')}\n`);
    }
  }
}

function firstLine(message: string | undefined): string {
  return ((message ?? 'no message').split('\n')[0] ?? '').slice(0, 300);
}
