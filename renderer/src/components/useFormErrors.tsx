// The hook every form uses to send a command: one request at a time (a double tap sends one), a
// refusal shown under the field it names (by the label the form shows) or beside the button, and
// everything cleared when a request succeeds. The mapping itself is formErrors.ts.
import { Alert, Form, type FormInstance } from 'antd';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { errorData } from '../api/hooks';
import { useI18n } from '../i18n';
import { filled, formErrors, labelOf, NO_ERRORS, type FieldAliases, type FieldLabels, type FormErrors, type ReasonFields } from './formErrors';

export type { FieldAliases, FieldLabels, ReasonFields };

export interface FormItemErrorProps {
  label?: string;
  validateStatus?: 'error';
  help?: ReactNode;
}

export function useFormErrors(labels: FieldLabels, reasons: ReasonFields = {}, aliases: FieldAliases = {}) {
  const { lang } = useI18n();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const reasonsRef = useRef(reasons);
  reasonsRef.current = reasons;
  const aliasesRef = useRef(aliases);
  aliasesRef.current = aliases;

  /** Runs one request: none while another runs; its refusal goes under the fields; success clears. */
  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
      if (running.current) return { ok: false };
      running.current = true;
      setBusy(true);
      try {
        const value = await fn();
        setErrors(NO_ERRORS);
        return { ok: true, value };
      } catch (e) {
        setErrors(formErrors(lang, errorData(e), labelsRef.current, reasonsRef.current, aliasesRef.current));
        return { ok: false };
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [lang],
  );

  /** The props for a field's Form.Item: its label, and the refusal under it when there is one. */
  const item = (key: string, withLabel = true): FormItemErrorProps => {
    const out: FormItemErrorProps = {};
    const label = labelOf(lang, labelsRef.current, key);
    if (withLabel && label) out.label = label;
    const help = errors.fields[key];
    if (help) {
      out.validateStatus = 'error';
      out.help = (
        <span data-testid="field-error" data-field={key}>
          {help}
        </span>
      );
    }
    return out;
  };

  /** A field edited after a refusal loses its error (the next request says again if need be). */
  const touched = useCallback((keys: readonly string[]) => {
    setErrors((cur) => {
      if (!keys.some((k) => k in cur.fields)) return cur;
      const fields = { ...cur.fields };
      for (const k of keys) delete fields[k];
      return { ...cur, fields };
    });
  }, []);

  const clear = useCallback(() => setErrors(NO_ERRORS), []);
  const label = (key: string): string => labelOf(lang, labelsRef.current, key) ?? key;
  return { run, busy, errors, item, touched, clear, label, general: errors.general };
}

/** Whether an antd form's required fields hold values (the submit button waits for them). */
export function useFilled<V>(form: FormInstance<V>, required: readonly string[]): boolean {
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  return filled(values, required);
}

/** What a refusal says that belongs to no field, beside the button that was pressed. */
export function FormError({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return <Alert type="error" showIcon message={text} role="alert" data-testid={testId ?? 'form-error'} style={{ margin: '8px 0' }} />;
}
