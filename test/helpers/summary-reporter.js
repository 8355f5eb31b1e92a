/** Ends the run with the plain "N passed, N failed" line that CI reads. */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const failedSuites = results.numRuntimeErrorTestSuites;
		const line =
			`${results.numPassedTests} passed, ${results.numFailedTests + failedSuites} failed` +
			(skipped > 0 ? `, ${skipped} skipped` : '');
		// Jest prints its own summary after the reporters: write ours last, as the run's closing line.
		process.once('exit', () => process.stdout.write(`\n${line}\n`));
	}
}
module.exports = SummaryReporter;
