import { Alert, Card, Table, Tag } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { PlanNav, planRoleKey } from './common';

type Person = OutputOf<'plan.staff'>[number];

/** The batch's staff pool with their roles in this batch (S7 keeps proctor, examiner and supervisor apart). */
export function PlanStaffPage() {
  const { t, te } = useI18n();
  const q = useQuery('plan.staff', {});
  return (
    <div>
      <PlanNav />
      <Card title={t('plan.tab.staff')}>
        {q.error && <Alert type="error" showIcon message={te(q.error)} />}
        <Table<Person>
          data-testid="plan-staff-table"
          rowKey="id"
          size="small"
          pagination={false}
          loading={q.loading && !q.data}
          dataSource={q.data ?? []}
          columns={[
            { title: t('plan.col.staffNo'), dataIndex: 'staffNo', width: 90 },
            { title: t('plan.col.name'), dataIndex: 'name', width: 100 },
            { title: t('plan.col.roles'), dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{t(planRoleKey(r))}</Tag>) },
            { title: t('plan.col.grade'), dataIndex: 'examinerGrade', width: 110, render: (g: string | null) => (g ? t(g === 'senior' ? 'plan.grade.senior' : 'plan.grade.examiner') : '') },
            { title: t('plan.col.workUnit'), dataIndex: 'workUnit' },
            { title: t('plan.col.booked'), dataIndex: 'sessions', width: 150 },
            { title: t('plan.col.trained'), dataIndex: 'trained', width: 80, align: 'right', render: (n: number) => n || '' },
          ]}
        />
      </Card>
    </div>
  );
}
