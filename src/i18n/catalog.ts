// All message sets of the product. Add a feature's set here once.
import { commonMessages } from './common.messages.js';

export const catalogSets = [commonMessages] as const;

type Keys<S> = S extends { en: Record<infer K, string> } ? K : never;
export type MessageKey = Keys<(typeof catalogSets)[number]>;
