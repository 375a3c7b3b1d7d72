/*
 * Two-component PCA of standardised data: the covariance matrix (d × d) is diagonalised with cyclic
 * Jacobi rotations (exact for the small d of tabular data), components are signed like scikit-learn's
 * svd_flip (largest absolute loading positive).
 */
export interface Projection {
  /** Share of the total variance along each of the two components. */
  readonly explainedVarianceRatio: readonly number[];
  /** Unit loading vectors, one per component, each of length d. */
  readonly components: readonly (readonly number[])[];
}

function covariance(data: Float64Array, rows: number, dims: number): Float64Array {
  const means = new Float64Array(dims);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < dims; j++) means[j] = (means[j] as number) + (data[i * dims + j] as number);
  for (let j = 0; j < dims; j++) means[j] = (means[j] as number) / rows;
  const cov = new Float64Array(dims * dims);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < dims; a++) {
      const da = (data[i * dims + a] as number) - (means[a] as number);
      for (let b = a; b < dims; b++)
        cov[a * dims + b] =
          (cov[a * dims + b] as number) + da * ((data[i * dims + b] as number) - (means[b] as number));
    }
  }
  for (let a = 0; a < dims; a++) {
    for (let b = a; b < dims; b++) {
      const v = (cov[a * dims + b] as number) / Math.max(1, rows - 1);
      cov[a * dims + b] = v;
      cov[b * dims + a] = v;
    }
  }
  return cov;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix, by Jacobi sweeps. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i] as number), vectors: v };
}

function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q] as number;
  if (Math.abs(apq) < 1e-300) return;
  const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p] as number;
    const akq = a[k * n + q] as number;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k] as number;
    const aqk = a[q * n + k] as number;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p] as number;
    const vkq = v[k * n + q] as number;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/** The first two principal components of the rows. O(n·d² + d³). */
export function principalComponents(data: Float64Array, rows: number, dims: number): Projection {
  const { values, vectors } = symmetricEigen(covariance(data, rows, dims), dims);
  const order = [...values.keys()].sort((x, y) => (values[y] as number) - (values[x] as number));
  const total = values.reduce((s, x) => s + Math.max(0, x), 0);
  const take = order.slice(0, Math.min(2, dims));
  const components = take.map((col) => {
    const vec = Array.from({ length: dims }, (_, r) => vectors[r * dims + col] as number);
    const largest = vec.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
    return largest < 0 ? vec.map((x) => -x) : vec;
  });
  return {
    explainedVarianceRatio: take.map((col) => (total > 0 ? Math.max(0, values[col] as number) / total : 0)),
    components,
  };
}

/** Coordinates of row i on the components (data assumed centred by standardisation). */
export function project(data: Float64Array, dims: number, i: number, projection: Projection): [number, number] {
  const [a = [], b = []] = projection.components;
  let x = 0;
  let y = 0;
  for (let j = 0; j < dims; j++) {
    const v = data[i * dims + j] as number;
    x += v * (a[j] ?? 0);
    y += v * (b[j] ?? 0);
  }
  return [x, y];
}
