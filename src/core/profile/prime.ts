/*
 * V8 compiles a hot loop for the kinds of values it has seen so far and throws the code away when
 * another kind arrives: profiling one column after another, a cold thread recompiled its kernels
 * column by column. Running the kernels once, first, on a few values of every kind gives them that
 * knowledge before the first large column. Per thread, once; results are discarded.
 */
import { primeCountingSort } from '../stats/counting-sort.ts';

let primed = false;

/** Primes the profile's kernels on this thread (once; later calls return at once). */
export function primeProfileKernels(): void {
  if (primed) return;
  primed = true;
  primeCountingSort();
}
