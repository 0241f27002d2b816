import type { LogisticModel } from '../models/logistic.ts';
import { loadLogistic } from '../models/logistic.ts';
import type { SerializedModel } from '../models/model.ts';

/** A linear model's coefficients by feature name: the logistic family's `--model-out` file. */
export interface LogisticCoefficients {
  family: 'logistic';
  task: SerializedModel['task'];
  /** Output names: ["logit"] (binary), the class names (multi-class) or ["value"] (regression). */
  outputs: string[];
  /** One intercept per output. */
  intercept: number[];
  /** Per dense feature in model input order: its name and one weight per output. */
  coefficients: { feature: string; weights: number[] }[];
}

/**
 * The trained weights of a logistic (or softmax or linear) model with the feature names they
 * multiply: the model's output before the sigmoid or softmax is intercept + sum(weight x feature).
 * @param classes class names of a multi-class model, in output order
 */
export function logisticCoefficients(
  model: SerializedModel,
  featureNames: readonly string[],
  classes: readonly string[] = [],
): LogisticCoefficients {
  if (model.family !== 'logistic')
    throw new Error(`Only a logistic model has coefficients; this one is ${model.family}`);
  const linear: LogisticModel = loadLogistic(model);
  if (featureNames.length !== linear.inputs)
    throw new Error(
      `The model has ${linear.inputs} inputs but ${featureNames.length} names were given`,
    );
  const k = linear.outputs;
  return {
    family: 'logistic',
    task: model.task,
    outputs:
      model.task === 'binary' ? ['logit'] : model.task === 'regression' ? ['value'] : [...classes],
    intercept: Array.from(linear.bias),
    coefficients: featureNames.map((feature, j) => ({
      feature,
      weights: Array.from(linear.weights.subarray(j * k, (j + 1) * k)),
    })),
  };
}
