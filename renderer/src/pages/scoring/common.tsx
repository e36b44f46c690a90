// Shared by the scoring and results pages: the batch picker, downloads and file reading.
import { Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';

const KEY = 'esc.results.batch';

/** P3: a level is always shown by its name, "四级/中级工", never as a bare number. */
export const levelKey = (l: number) => `plan.level.${l}` as MessageKey;

export function useResultsBatch() {
  const { t } = useI18n();
  const batches = useQuery('scoring.batches', {});
  const [batchId, setBatchId] = useState<number | null>(() => Number(localStorage.getItem(KEY)) || null);
  const list = useMemo(() => batches.data ?? [], [batches.data]);
  useEffect(() => {
    if (list.length > 0 && !list.some((b) => b.id === batchId)) setBatchId(list[0]!.id);
  }, [list, batchId]);
  const choose = (id: number) => {
    localStorage.setItem(KEY, String(id));
    setBatchId(id);
  };
  const batch = list.find((b) => b.id === batchId) ?? null;
  const picker = (
    <Space>
      <Typography.Text>{t('draw.batch')}</Typography.Text>
      <Select style={{ minWidth: 280 }} value={batch?.id} onChange={choose} options={list.map((b) => ({ value: b.id, label: `${b.examDate} ${b.name}` }))} />
    </Space>
  );
  return { batch, batchId: batch?.id ?? null, loading: batches.loading, picker };
}

export function downloadBase64(fileName: string, base64: string, mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function readBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(f);
  });
}

export const KIND_KEYS = { theory: 'scoring.kind.theory', skill: 'scoring.kind.skill', review: 'scoring.kind.review' } as const;
export function kindKey(kind: string) {
  return KIND_KEYS[kind as keyof typeof KIND_KEYS] ?? 'scoring.kind.skill';
}
