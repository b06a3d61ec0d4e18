// Prints one plain closing line, "N passed, N failed", that any CI can read.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suites = results.numFailedTestSuites > 0 ? ` (${results.numFailedTestSuites} suites failed)` : '';
    process.stdout.write(
      `\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}${suites}\n`,
    );
  }
}
