export { type Attainment, type AttainmentStatus, assessAttainment } from './attainment.js';
export {
  type Comparator,
  type DateValue,
  type IndicatorValue,
  type NotApplicableValue,
  normaliseIndicatorText,
  parseIndicatorValue,
  type QualitativeValue,
  type QuantityValue,
} from './parse.js';
