export {run} from '@oclif/core';
export type {Snapshot} from './snapshot/types';
export type {ScanReport} from './report/types';
export type {Policy, Evaluation} from './policy/types';
