// E2: the morning's on-duty list. Only staff marked here enter the draw.
import { Alert, App, Button, Card, Empty, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf, Role } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { roleKey } from '../../roles';
import { useBatch } from './useBatch';
import { RuleHint } from '../../components/RuleHint';

type Person = OutputOf<'draw.duty.list'>[number];

export function DutyPage() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const { batchId, picker, loading } = useBatch();
  const list = useQuery('draw.duty.list', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [selected, setSelected] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const people = list.data ?? [];

  const mark = async (staffIds: number[], onDuty: boolean) => {
    if (!batchId || staffIds.length === 0) return;
    try {
      await call('draw.duty.mark', { batchId, staffIds, onDuty });
      setError(null);
      setSelected([]);
      void message.success(t('staff.saved'));
      await list.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const on = people.filter((p) => p.onDuty);
  const count = (r: Role) => on.filter((p) => p.roles.includes(r as never)).length;

  if (!loading && !batchId) return <Empty description={t('draw.noBatch')} />;
  return (
    <Card title={<>{t('draw.duty.title')}<RuleHint text={t('nav.hint.duty')} /></>} extra={picker}>
      <Typography.Paragraph type="secondary">{t('draw.duty.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} data-testid="duty-error" />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" disabled={selected.length === 0} onClick={() => void mark(selected, true)} data-testid="duty-mark">
          {t('draw.duty.markSelected')}
        </Button>
        <Button disabled={selected.length === 0} onClick={() => void mark(selected, false)}>
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
            width: 150,
            render: (v: boolean, p) => (
              <Switch
                checked={v}
                checkedChildren={t('draw.duty.onDuty')}
                unCheckedChildren={t('draw.duty.notYet')}
                onChange={(next) => void mark([p.id], next)}
                data-testid={`duty-${p.staffNo}`}
              />
            ),
          },
          { title: t('draw.duty.col.markedAt'), dataIndex: 'markedAt', width: 110, render: (v: string | null) => (v ? new Date(v).toLocaleTimeString() : '') },
        ]}
      />
    </Card>
  );
}
