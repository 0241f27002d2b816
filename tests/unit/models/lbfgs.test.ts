import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../../src/lib/models/lbfgs.ts';
import { expectNear } from '../../helpers/tolerance.ts';

/** Rosenbrock's valley: minimum 0 at (1, 1), reached only by following a curved narrow valley. */
function rosenbrock(at: Float64Array, gradient: Float64Array): number {
  const [a, b] = [at[0]!, at[1]!];
  gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  gradient[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
}

describe('minimizeLbfgs', () => {
  it("finds Rosenbrock's minimum from the textbook start (-1.2, 1)", async () => {
    const x = Float64Array.from([-1.2, 1]);
    const result = await minimizeLbfgs(rosenbrock, x, { maxIterations: 200 });
    expectNear(x[0], 1, 1e-4);
    expectNear(x[1], 1, 1e-4);
    expect(result.value).toBeLessThan(1e-8);
    expect(result.stop).not.toBe('max-iterations');
  });

  it('solves an ill-scaled quadratic in a few iterations, as quasi-Newton steps do', async () => {
    // f = sum_i (i + 1) (x_i - i)^2 / 2: diagonal Hessian 1..5, minimum at x_i = i.
    const quadratic = (at: Float64Array, gradient: Float64Array) => {
      let value = 0;
      at.forEach((v, i) => {
        gradient[i] = (i + 1) * (v - i);
        value += ((i + 1) * (v - i) ** 2) / 2;
      });
      return value;
    };
    const x = new Float64Array(5);
    const result = await minimizeLbfgs(quadratic, x);
    x.forEach((v, i) => expectNear(v, i, 1e-6));
    expect(result.iterations).toBeLessThanOrEqual(15);
  });

  it('stops at maxIterations and reports each iteration once', async () => {
    const seen: number[] = [];
    const result = await minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), {
      maxIterations: 3,
      onIteration: (i) => seen.push(i),
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(result).toMatchObject({ iterations: 3, stop: 'max-iterations' });
  });
});
