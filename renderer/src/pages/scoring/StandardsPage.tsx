// G3: the scoring standard per subject (the items of the 评分记录表 with maximum points summing to 100,
// including 安全文明生产), entered by the site head; the spread threshold of the batch (S5 review);
// the blank record sheet to print for sites that score on paper first.
import { App, Button, Card, Checkbox, Empty, Form, Input, InputNumber, List, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { describeIssue, useI18n, type Lang } from '../../i18n';
import type { ErrorData } from '../../../../electron/commands/api';
import { downloadBase64, kindKey, levelKey, useResultsBatch } from './common';
import './print.css';

interface Item {
  name: string;
  criteria?: string | undefined;
  maxPoints: number;
  safety?: boolean | undefined;
}

export function StandardsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { batchId, picker, loading } = useResultsBatch();
  const subjects = useQuery('scoring.subjects', { batchId: batchId ?? 0 }, { skip: !batchId });
  const scored = (subjects.data ?? []).filter((s) => s.kind !== 'theory');
  const [subjectId, setSubjectId] = useState<number | null>(null);
  const current = subjectId ?? scored[0]?.id ?? null;
  const std = useQuery('scoring.standard.get', { subjectId: current ?? 0 }, { skip: !current });
  const [items, setItems] = useState<Item[]>([]);
  const settings = useQuery('scoring.settings.get', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [threshold, setThreshold] = useState<number | null>(10);
  useEffect(() => {
    if (settings.data) setThreshold(settings.data.spreadThreshold);
  }, [settings.data]);
  // G3: a refused standard lists its problems beside its save button; the blank sheet's beside its own
  const standardFe = useFormErrors({});
  const refused = useRef<ErrorData | null>(null);
  const blankFe = useFormErrors({});
  // S5: the threshold's refusal under its own field
  const thresholdFe = useFormErrors({ spreadThreshold: 'standards.threshold' });
  useEffect(() => {
    if (std.data) setItems(std.data.items.map((i) => ({ name: i.name, criteria: i.criteria ?? undefined, maxPoints: i.maxPoints, safety: i.safety })));
  }, [std.data]);
  const sum = Math.round(items.reduce((s, i) => s + (i.maxPoints || 0), 0) * 10) / 10;
  const patch = (k: number, p: Partial<Item>) => setItems(items.map((i, j) => (j === k ? { ...i, ...p } : i)));
  // every item needs its name and points before the standard can be saved
  const itemsReady = items.length > 0 && items.every((i) => i.name.trim() !== '' && i.maxPoints > 0);

  const save = async () => {
    if (!current) return;
    const r = await standardFe.run(async () => {
      try {
        return await call('scoring.standard.set', { subjectId: current, items });
      } catch (e) {
        refused.current = errorData(e);
        throw e;
      }
    });
    if (!r.ok) return;
    void message.success(t('staff.saved'));
    await Promise.all([std.reload(), subjects.reload()]);
  };
  const saveThreshold = async () => {
    if (!batchId || threshold === null) return;
    const r = await thresholdFe.run(() => call('scoring.settings.set', { batchId, spreadThreshold: threshold }));
    if (r.ok) void message.success(t('staff.saved'));
  };
  const blank = async () => {
    if (!batchId || !current) return;
    const r = await blankFe.run(() => call('results.forms.xlsx', { batchId, form: 'blank', subjectId: current }));
    if (r.ok) downloadBase64(r.value.fileName, r.value.data);
  };
  const standardRefusal = standardFe.general && refused.current ? standardError(lang, standardFe.general, refused.current) : standardFe.general;

  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  const subject = scored.find((s) => s.id === current);
  return (
    <>
    <div className="print-only">
      <h2 style={{ textAlign: 'center' }}>
        {subject ? `${subject.workType ?? subject.occupation} ${t(levelKey(subject.level))} ${t(kindKey(subject.kind))} ` : ''}
        {t('standards.printTitle')}
      </h2>
      <p>{t('standards.printHead')}</p>
      <table className="print-grid">
        <thead>
          <tr>
            <th>{t('pub.col.no')}</th>
            <th>{t('standards.col.name')}</th>
            <th>{t('standards.col.criteria')}</th>
            <th>{t('standards.col.max')}</th>
            <th>{t('standards.printExaminer', { n: 1 })}</th>
            <th>{t('standards.printExaminer', { n: 2 })}</th>
            <th>{t('standards.printExaminer', { n: 3 })}</th>
          </tr>
        </thead>
        <tbody>
          {(std.data?.items ?? []).map((i) => (
            <tr key={i.id}>
              <td>{i.position}</td>
              <td>{i.name}</td>
              <td>{i.criteria}</td>
              <td>{i.maxPoints}</td>
              <td />
              <td />
              <td />
            </tr>
          ))}
          <tr>
            <td />
            <td>{t('scoring.col.total')}</td>
            <td />
            <td>100</td>
            <td />
            <td />
            <td />
          </tr>
          <tr>
            <td />
            <td>{t('standards.printSign')}</td>
            <td />
            <td />
            <td />
            <td />
            <td />
          </tr>
        </tbody>
      </table>
    </div>
    <Card title={t('standards.title')} extra={picker} className="no-print">
      <Typography.Paragraph type="secondary">{t('standards.intro')}</Typography.Paragraph>
      <Space align="start" style={{ width: '100%' }} size="large">
        <List
          style={{ width: 260 }}
          bordered
          dataSource={scored}
          renderItem={(s) => (
            <List.Item onClick={() => setSubjectId(s.id)} style={{ cursor: 'pointer', background: s.id === current ? '#e6f4ff' : undefined }}>
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>
                  {s.workType ?? s.occupation} {t(levelKey(s.level))} {t(kindKey(s.kind))}
                </Typography.Text>
                {s.items > 0 ? <Tag color="green">{t('standards.items', { n: s.items })}</Tag> : <Tag color="orange">{t('standards.none')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
        <Space orientation="vertical" style={{ flex: 1 }}>
          <Table
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={items}
            columns={[
              { title: t('standards.col.name'), render: (_: unknown, r, k) => <Input value={r.name} onChange={(e) => patch(k, { name: e.target.value })} /> },
              { title: t('standards.col.criteria'), render: (_: unknown, r, k) => <Input value={r.criteria ?? ''} onChange={(e) => patch(k, { criteria: e.target.value })} /> },
              { title: t('standards.col.max'), width: 110, render: (_: unknown, r, k) => <InputNumber min={0.5} max={100} step={0.5} value={r.maxPoints} onChange={(v) => patch(k, { maxPoints: Number(v ?? 0) })} /> },
              { title: t('standards.col.safety'), width: 90, render: (_: unknown, r, k) => <Checkbox checked={!!r.safety} onChange={(e) => patch(k, { safety: e.target.checked })} /> },
              { title: '', width: 70, render: (_: unknown, _r, k) => <Button danger size="small" onClick={() => setItems(items.filter((__, j) => j !== k))}>{t('standards.remove')}</Button> },
            ]}
          />
          <Space wrap>
            <Button onClick={() => setItems([...items, { name: '', maxPoints: 5 }])}>{t('standards.add')}</Button>
            <Button onClick={() => std.data && setItems(std.data.sample)} data-testid="standards-sample">
              {t('standards.sample')}
            </Button>
            <Typography.Text type={sum === 100 ? 'success' : 'danger'}>{t('standards.sum', { sum })}</Typography.Text>
            <Button type="primary" disabled={!itemsReady} loading={standardFe.busy} onClick={() => void save()} data-testid="standards-save">
              {t('standards.save')}
            </Button>
            <Button loading={blankFe.busy} onClick={() => void blank()}>
              {t('results.form.blank')}
            </Button>
            <Button disabled={!std.data?.items.length} onClick={() => window.print()}>
              {t('standards.print')}
            </Button>
          </Space>
          <FormError text={standardRefusal} testId="standards-error" />
          <FormError text={blankFe.general} testId="standards-blank-error" />
          <Form layout="vertical" component="div" style={{ marginTop: 16 }} data-testid="threshold-form">
            <Form.Item {...thresholdFe.item('spreadThreshold')} extra={t('standards.threshold.hint')}>
              <Space wrap>
                <InputNumber
                  min={0}
                  max={50}
                  value={threshold}
                  onChange={(v) => {
                    setThreshold(v === null ? null : Number(v));
                    thresholdFe.touched(['spreadThreshold']);
                  }}
                  data-testid="standards-threshold"
                />
                <Button disabled={threshold === null} loading={thresholdFe.busy} onClick={() => void saveThreshold()} data-testid="threshold-save">
                  {t('standards.threshold.save')}
                </Button>
              </Space>
            </Form.Item>
          </Form>
          <FormError text={thresholdFe.general} testId="threshold-error" />
        </Space>
      </Space>
    </Card>
    </>
  );
}

/** G3: a refused standard lists its problems, each worded from its code. */
function standardError(lang: Lang, text: string, e: ErrorData): string {
  if (e.reason !== 'scoring.standardInvalid' || !Array.isArray(e.details)) return text;
  const details: unknown[] = e.details;
  const words = details.flatMap((d) => (typeof d === 'object' && d !== null && 'reason' in d && typeof d.reason === 'string' ? [describeIssue(lang, { reason: d.reason, params: 'params' in d ? paramsOf(d.params) : undefined }, 'scoring.standard.')] : []));
  return [text, ...words].join(lang === 'en' ? ' ' : '；');
}

function paramsOf(v: unknown): Record<string, string | number> | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
}
