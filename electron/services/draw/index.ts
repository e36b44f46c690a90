// The draw's pure core: no database, no clock, no Math.random.
export { DrawPrng } from './prng';
export { solveDraw } from './solver';
export { checkResult, rotationFindings } from './rules';
export { DrawModel, gradeAllows } from './model';
export * from './types';
