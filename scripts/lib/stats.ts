/*
 * The benchmarks' and the queue-mode run's summary statistics, one definition for all of them.
 *
 * A percentile is a measured value, never an interpolation: the value at index floor(q * n) of the sorted
 * values (capped at the last), as the benchmarks have always computed them. So `median` of an
 * even count is the upper of the two middle values, not their mean.
 */

/** The values sorted ascending, as a new array; throws on an empty input, where no statistic exists. */
export function sortedAscending(values: Iterable<number>): number[] {
	const sorted = Array.from(values).sort((a, b) => a - b);
	if (sorted.length === 0) throw new RangeError('no values to summarize');
	return sorted;
}

/** The value at fraction `q` (0 to 1: 0.95 for p95) of values already sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
	if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile fraction ${q} is not between 0 and 1`);
	if (sorted.length === 0) throw new RangeError('no values to summarize');
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The value at fraction `q` (0 to 1: 0.95 for p95) of `values`, in any order. */
export function percentile(values: Iterable<number>, q: number): number {
	return percentileOfSorted(sortedAscending(values), q);
}

/** Several percentiles of `values` with one sort: `percentiles(latencies, [0.5, 0.99])`. */
export function percentiles(values: Iterable<number>, qs: readonly number[]): number[] {
	const sorted = sortedAscending(values);
	return qs.map((q) => percentileOfSorted(sorted, q));
}

/** The median: the upper middle value for an even count (see above). */
export function median(values: Iterable<number>): number {
	return percentile(values, 0.5);
}

export interface Spread {
	median: number;
	min: number;
	max: number;
}

/** Median and range, as the benchmark tables print them: `median [min-max]`. */
export function spread(values: Iterable<number>): Spread {
	const sorted = sortedAscending(values);
	return {
		median: percentileOfSorted(sorted, 0.5),
		min: sorted[0],
		max: sorted[sorted.length - 1],
	};
}
