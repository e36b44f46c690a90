import { Alert, Button, Card, Col, List, Row, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '../api/hooks';
import { call } from '../api/client';
import { BackupStatusCard } from '../components/BackupStatusCard';
import { DiskSpaceCard } from '../components/DiskSpaceCard';
import { NextSteps } from '../components/NextSteps';
import { RecoveryCodeCard } from './records/RecoveryCodeCard';
import { tasksByRole } from '../home-tasks';
import { useI18n } from '../i18n';
import { roleKey } from '../roles';
import { navigate } from '../router';
import { useSession } from '../session';

/** A home per role: who you are, what the site holds, what you do today. */
export function HomePage() {
  const { t } = useI18n();
  const { session } = useSession();
  const overview = useQuery('site.overview', {});
  const role = session.actor.role;
  const o = overview.data;
  return (
    <div>
      <Typography.Title level={3} data-testid="home-greeting">
        {t('home.greeting', { name: session.actor.name })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.asRole', { role: t(roleKey(role)) })}</Typography.Paragraph>
      {role === 'site_head' && <PendingRecoveryCode siteName={session.siteName} />}
      <NextSteps />
      <Card title={o?.siteName ?? t('home.site')} style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]}>
          <Col xs={12} sm={6}>
            <Statistic title={t('home.site.batches')} value={o?.batches ?? 0} />
          </Col>
          <Col xs={12} sm={6}>
            <Statistic title={t('home.site.rooms')} value={o?.rooms ?? 0} />
          </Col>
          <Col xs={12} sm={6}>
            <Statistic title={t('home.site.candidates')} value={o?.candidates ?? 0} />
          </Col>
          <Col xs={12} sm={6}>
            <Statistic title={t('home.site.staff')} value={o?.staff ?? 0} />
          </Col>
        </Row>
        {o && o.batches === 0 && (
          <Alert
            style={{ marginTop: 16 }}
            type="info"
            showIcon
            message={t('home.site.empty')}
            action={
              (role === 'site_head' || role === 'admin') && (
                <Button type="primary" onClick={() => navigate('/plan')} data-testid="home-plan">
                  {t('plan.home.load')}
                </Button>
              )
            }
          />
        )}
      </Card>
      {(role === 'site_head' || role === 'admin' || role === 'supervisor') && <DiskSpaceCard />}
      {(role === 'site_head' || role === 'admin' || role === 'supervisor') && <BackupStatusCard />}
      <Card title={t('home.today')}>
        <List
          data-testid="day-tasks"
          dataSource={tasksByRole[role]}
          renderItem={(task) => (
            <List.Item
              actions={[
                task.path ? (
                  <Button key="open" type="primary" onClick={() => navigate(task.path!)}>
                    {t('common.open')}
                  </Button>
                ) : (
                  <Tag key="soon">{t('common.comingSoon')}</Tag>
                ),
              ]}
            >
              <List.Item.Meta title={t(task.key)} description={t(task.desc)} />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}

/** A recovery code made at start (a plain database encrypted in place) waits here until written down. */
function PendingRecoveryCode({ siteName }: { siteName: string | null }) {
  const { t } = useI18n();
  const pending = useQuery('vault.recovery.pending', {});
  const code = pending.data?.code;
  if (!code) return null;
  return (
    <Card title={t('recovery.pending.title')} style={{ marginBottom: 16, borderColor: '#faad14' }} data-testid="recovery-pending">
      <Typography.Paragraph>{t('recovery.pending.body')}</Typography.Paragraph>
      <RecoveryCodeCard
        code={code}
        siteName={siteName}
        doneKey="recovery.pending.ack"
        onDone={() => {
          void call('vault.recovery.ack', {}).then(() => pending.reload());
        }}
      />
    </Card>
  );
}
