// One mapping from a console refusal to the form that sent it, shared by every form: a refused
// input (BAD_INPUT with its issues' paths) or a coded refusal the form ties to one of its fields
// (a wrong PIN to the PIN field) is shown under that field, named by the label the form shows;
// anything else is shown beside the button that was pressed. Services return codes and the
// field's key, never a sentence: the words come from the catalogue here.
import type { ErrorData } from '../../../electron/commands/api';
import { describeError, hasKey, translate, type Lang, type MessageKey } from '../i18n';

/** A form's fields: its key (as the command's input names it) → the catalogue key of the label the form shows. */
export type FieldLabels = Record<string, MessageKey>;

/**
 * Which field a coded refusal belongs to: a reason (`auth.pinWrong`), a reason's prefix
 * (`auth.pinWeak` for `auth.pinWeak.repeat`) or an error code (`PIN_WRONG`) → the field's key.
 */
export type ReasonFields = Record<string, string>;

export interface FormErrors {
  /** field key → the words shown under it (they name the field by its label) */
  fields: Record<string, string>;
  /** what belongs to no field: shown beside the button */
  general: string | null;
}

/** Input keys shown by one field of the form (`candidateId` and `staffId` under 对象): input key → the field's key. */
export type FieldAliases = Record<string, string>;

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

/** The label a field shows: the form's own label key, else the shared `field.<key>`, else the key itself is not shown. */
export function labelOf(lang: Lang, labels: FieldLabels, key: string): string | null {
  const own = labels[key];
  if (own) return translate(lang, own);
  const shared = `field.${key}`;
  return hasKey(shared) ? translate(lang, shared) : null;
}

/** The form's field for an issue's path: the full path if the form has it, else its last named part. */
function fieldOfPath(labels: FieldLabels, path: string): string | null {
  if (path in labels) return path;
  const parts = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p));
  for (let i = parts.length - 1; i >= 0; i--) {
    const tail = parts.slice(i).join('.');
    if (tail in labels) return tail;
  }
  const last = parts[parts.length - 1];
  return last !== undefined && last in labels ? last : null;
}

function fieldOfReason(reasons: ReasonFields, e: ErrorData): string | null {
  if (e.reason) {
    const parts = e.reason.split('.');
    for (let n = parts.length; n > 0; n--) {
      const k = parts.slice(0, n).join('.');
      if (k in reasons) return reasons[k]!;
    }
  }
  if (e.code in reasons) return reasons[e.code]!;
  const named = e.params?.field;
  return typeof named === 'string' ? named : null;
}

/** `label：message`, unless the message already names the field by its label. */
function underLabel(lang: Lang, label: string, message: string): string {
  if (message.includes(label)) return message;
  return translate(lang, 'form.field.error', { label, message });
}

/**
 * A refusal, split between the form's fields and the button. Fields the form does not show never
 * appear by their code name: their issue goes beside the button, worded like any refused input.
 */
export function formErrors(lang: Lang, e: ErrorData, labels: FieldLabels, reasons: ReasonFields = {}, aliases: FieldAliases = {}): FormErrors {
  const fields: Record<string, string> = {};
  const known: FieldLabels = { ...labels };
  for (const [from, to] of Object.entries(aliases)) if (labels[to]) known[from] = labels[to];
  const fieldOf = (key: string | null) => (key === null ? null : (aliases[key] ?? key));
  if (e.reason === 'input.invalid' && Array.isArray(e.details)) {
    const rest: unknown[] = [];
    for (const d of e.details as unknown[]) {
      const issue = d as { path?: unknown; message?: unknown };
      const path = typeof issue.path === 'string' ? issue.path : '';
      const key = fieldOf(fieldOfPath(known, path));
      const label = key ? labelOf(lang, labels, key) : null;
      if (!key || !label) {
        rest.push(d);
        continue;
      }
      // the schemas' own messages are Chinese: English says the value was not accepted
      const message = lang === 'en' || typeof issue.message !== 'string' || !issue.message ? translate(lang, 'form.field.invalid') : issue.message;
      const words = underLabel(lang, label, message);
      fields[key] = fields[key] ? `${fields[key]}；${words}` : words;
    }
    const general = rest.length ? describeError(lang, { ...e, details: rest }) : null;
    return { fields, general };
  }
  const key = fieldOf(fieldOfReason(reasons, e));
  const label = key ? labelOf(lang, labels, key) : null;
  if (key && label) return { fields: { [key]: underLabel(lang, label, describeError(lang, e)) }, general: null };
  return { fields, general: describeError(lang, e) };
}

/** Whether every required value is there: text not blank, a list not empty, a number or a true. */
export function filled(values: Record<string, unknown> | undefined, required: readonly string[]): boolean {
  if (!values) return required.length === 0;
  return required.every((k) => {
    const v = values[k];
    if (typeof v === 'string') return v.trim() !== '';
    if (Array.isArray(v)) return v.length > 0;
    if (typeof v === 'number') return Number.isFinite(v);
    if (typeof v === 'boolean') return v;
    return v !== undefined && v !== null;
  });
}

