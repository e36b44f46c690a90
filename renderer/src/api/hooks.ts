import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorData, InputOf, Method, OutputOf } from '../../../electron/commands/api';
import { ApiError, call } from './client';

export function errorData(e: unknown): ErrorData {
  if (e instanceof ApiError) return e.data;
  return { code: 'INTERNAL', message: String(e), messageEn: String(e) };
}

/** Loads a query and reloads on demand (or every `refreshMs`); keeps the last data while reloading. */
export function useQuery<M extends Method>(method: M, input: InputOf<M>, opts: { refreshMs?: number; skip?: boolean } = {}) {
  const [data, setData] = useState<OutputOf<M> | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const [loading, setLoading] = useState(!opts.skip);
  const key = JSON.stringify(input);
  const inputRef = useRef(input);
  inputRef.current = input;
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(method, inputRef.current));
      setError(null);
    } catch (e) {
      setError(errorData(e));
    } finally {
      setLoading(false);
    }
  }, [method]);
  useEffect(() => {
    if (opts.skip) return;
    void reload();
    if (!opts.refreshMs) return;
    const id = setInterval(() => void reload(), opts.refreshMs);
    return () => clearInterval(id);
    // the serialised input (key) stands for the input
  }, [reload, key, opts.refreshMs, opts.skip]);
  return { data, error, loading, reload };
}
