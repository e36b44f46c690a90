// Catalogue keys for the codes the records services return.
import type { MessageKey } from '../../i18n';

export const CLASSES = ['registration', 'signin', 'exam_records', 'scoring', 'supervision', 'certificates'] as const;
export type MaterialClass = (typeof CLASSES)[number];

export const classKey = (c: string) => `records.class.${c}` as MessageKey;
export const holdKey = (c: string) => `records.hold.${c}` as MessageKey;
export const levelKey = (n: number) => `records.level.${n}` as MessageKey;
