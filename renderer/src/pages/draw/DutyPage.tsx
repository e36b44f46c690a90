// E2: the morning's on-duty list. Only staff marked here enter the draw. A refusal (someone still
// placed by the draw cannot go off duty) shows beside what was pressed: the buttons for the
// selected, or that person's own switch; one request at a time.
import { App, Button, Card, Empty, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf, Role } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { roleKey } from '../../roles';
import { useBatch } from './useBatch';
import { RuleHint } from '../../components/RuleHint';

type Person = OutputOf<'draw.duty.list'>[number];

export function DutyPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { batchId, picker, loading } = useBatch();
  const list = useQuery('draw.duty.list', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [selected, setSelected] = useState<number[]>([]);
  const fe = useFormErrors({});
  /** what was pressed: the buttons for the selected, or one person's switch (their staff id) */
  const [pressed, setPressed] = useState<'selected' | number>('selected');
  const people = list.data ?? [];

  const mark = async (staffIds: number[], onDuty: boolean, from: 'selected' | number) => {
    if (!batchId || staffIds.length === 0 || fe.busy) return;
    setPressed(from);
    const r = await fe.run(() => call('draw.duty.mark', { batchId, staffIds, onDuty }));
    if (!r.ok) return;
    setSelected([]);
    void message.success(t('staff.saved'));
    await list.reload();
  };
  const on = people.filter((p) => p.onDuty);
  const count = (r: Role) => on.filter((p) => p.roles.includes(r as never)).length;

  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  return (
    <Card title={<>{t('draw.duty.title')}<RuleHint text={t('nav.hint.duty')} /></>} extra={picker}>
      <Typography.Paragraph type="secondary">{t('draw.duty.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" disabled={selected.length === 0} loading={fe.busy && pressed === 'selected'} onClick={() => void mark(selected, true, 'selected')} data-testid="duty-mark">
          {t('draw.duty.markSelected')}
        </Button>
        <Button disabled={selected.length === 0} loading={fe.busy && pressed === 'selected'} onClick={() => void mark(selected, false, 'selected')} data-testid="duty-unmark">
          {t('draw.duty.unmarkSelected')}
        </Button>
        <Typography.Text strong data-testid="duty-summary">
          {t('draw.duty.summary', {
            proctors: count('proctor'),
            examiners: on.filter((p) => p.roles.includes('examiner') || p.roles.includes('chief_examiner')).length,
            supervisors: count('supervisor'),
            total: on.length,
          })}
        </Typography.Text>
      </Space>
      <FormError text={pressed === 'selected' ? fe.general : null} testId="duty-error" />
      <Table<Person>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.loading && !list.data}
        dataSource={people}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
        scroll={{ y: 460 }}
        columns={[
          { title: t('staff.col.staffNo'), dataIndex: 'staffNo', width: 100 },
          { title: t('staff.col.name'), dataIndex: 'name', width: 140 },
          { title: t('staff.col.roles'), dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{t(roleKey(r))}</Tag>) },
          { title: t('staff.col.workUnit'), dataIndex: 'workUnit' },
          { title: t('staff.col.grade'), dataIndex: 'examinerGrade', width: 110, render: (g: string | null) => (g ? t(g === 'senior' ? 'staff.grade.senior' : 'staff.grade.examiner') : '') },
          {
            title: t('draw.duty.col.status'),
            dataIndex: 'onDuty',
            width: 240,
            render: (v: boolean, p) => (
              <>
                <Switch
                  checked={v}
                  loading={fe.busy && pressed === p.id}
                  checkedChildren={t('draw.duty.onDuty')}
                  unCheckedChildren={t('draw.duty.notYet')}
                  onChange={(next) => void mark([p.id], next, p.id)}
                  data-testid={`duty-${p.staffNo}`}
                />
                {pressed === p.id && fe.general && (
                  <Typography.Paragraph type="danger" role="alert" style={{ margin: '4px 0 0', fontSize: 13 }} data-testid={`duty-error-${p.staffNo}`}>
                    {fe.general}
                  </Typography.Paragraph>
                )}
              </>
            ),
          },
          { title: t('draw.duty.col.markedAt'), dataIndex: 'markedAt', width: 110, render: (v: string | null) => (v ? new Date(v).toLocaleTimeString() : '') },
        ]}
      />
    </Card>
  );
}
