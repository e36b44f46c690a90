import { Alert, Button, Card, Col, Descriptions, Empty, Image, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate, usePath } from '../../router';
import { PlanNav, hm, kindKey, levelKey } from './common';

type Row = OutputOf<'plan.candidates'>['rows'][number];

function CandidateDetail({ id }: { id: number }) {
  const { t, te } = useI18n();
  const q = useQuery('plan.candidate', { id });
  const [showDoc, setShowDoc] = useState(false);
  const c = q.data;
  return (
    <Card
      loading={q.loading && !c}
      title={c ? <span data-testid="candidate-name">{c.name}</span> : null}
      extra={<Button onClick={() => navigate('/plan/candidates')}>{t('plan.candidate.back')}</Button>}
    >
      {q.error && <Alert type="error" showIcon message={te(q.error)} />}
      {c && (
        <Row gutter={24}>
          <Col flex="160px">
            {c.photo ? (
              <Image src={c.photo} width={144} alt={c.name} data-testid="candidate-photo" />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.candidate.noPhoto')} />
            )}
          </Col>
          <Col flex="auto">
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('plan.col.ticket')}>{c.ticketNo}</Descriptions.Item>
              <Descriptions.Item label={t('plan.col.gender')}>{c.gender}</Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.docType')}>{c.docType}</Descriptions.Item>
              <Descriptions.Item label={t('plan.col.doc')}>
                <Space>
                  <span data-testid="candidate-doc">{showDoc ? c.docNumber : c.docMasked}</span>
                  <Button size="small" type="link" onClick={() => setShowDoc(!showDoc)}>
                    {t(showDoc ? 'plan.candidate.hideDoc' : 'plan.candidate.showDoc')}
                  </Button>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.birth')}>{c.birthDate}</Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.phone')}>{c.phone}</Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.ethnicity')}>{c.ethnicity}</Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.education')}>{c.education}</Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.major')}>{c.major}</Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.category')}>{c.category}</Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.workUnit')} span={2}>
                {c.workUnit}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.occupation')} span={2}>
                {`${c.occupation.name}（${c.occupation.workTypeName ?? '——'}）${t(levelKey(c.occupation.level))}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.certificate')} span={2}>
                <span data-testid="candidate-certificate">{c.certificateNo ?? t('plan.candidate.noCertificate')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.candidate.trainers')} span={2}>
                {c.trainers.map((x) => `${x.name}（${x.staffNo}）`).join('、')}
              </Descriptions.Item>
            </Descriptions>
            <Table
              style={{ marginTop: 16 }}
              size="small"
              pagination={false}
              rowKey={(r) => String(r.kind)}
              dataSource={c.seats}
              columns={[
                { title: t('plan.col.kind'), dataIndex: 'kind', render: (k: string) => t(kindKey(k)) },
                { title: t('plan.col.session'), dataIndex: 'sessionName' },
                { title: t('plan.col.time'), render: (_v, r) => (r.startsAt && r.endsAt ? `${hm(r.startsAt)}–${hm(r.endsAt)}` : '') },
                { title: t('plan.col.room'), render: (_v, r) => (r.room ? `${r.room}（${r.building}/${r.floor}/${r.roomNo}）` : '') },
                { title: t('plan.candidate.seat'), dataIndex: 'seat' },
                { title: '', dataIndex: 'retake', render: (x: boolean) => <Tag>{t(x ? 'plan.candidate.retake' : 'plan.candidate.new')}</Tag> },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** Candidates: search by name, ticket or the last digits of the ID number; ID numbers masked. */
export function PlanCandidatesPage() {
  const { t, te } = useI18n();
  const path = usePath();
  const id = Number(/^\/plan\/candidates\/(\d+)$/.exec(path)?.[1] ?? NaN);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery('plan.candidates', { q, page, pageSize: 20 }, { skip: Number.isInteger(id) });
  if (Number.isInteger(id)) {
    return (
      <div>
        <PlanNav />
        <CandidateDetail id={id} />
      </div>
    );
  }
  return (
    <div>
      <PlanNav />
      <Card
        title={
          <Input.Search
            data-testid="candidate-search"
            allowClear
            placeholder={t('plan.search')}
            style={{ maxWidth: 420 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
        }
        extra={<Typography.Text type="secondary">{t('plan.total', { n: list.data?.total ?? 0 })}</Typography.Text>}
      >
        {list.error && <Alert type="error" showIcon message={te(list.error)} />}
        <Table<Row>
          data-testid="candidate-table"
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.rows ?? []}
          onRow={(r) => ({ onClick: () => navigate(`/plan/candidates/${r.id}`), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          columns={[
            { title: t('plan.col.ticket'), dataIndex: 'ticketNo', width: 120 },
            { title: t('plan.col.name'), dataIndex: 'name', width: 100 },
            { title: t('plan.col.gender'), dataIndex: 'gender', width: 60 },
            { title: t('plan.col.doc'), dataIndex: 'docMasked', width: 190 },
            { title: t('plan.col.occupation'), render: (_v, r) => `${r.workTypeName ?? r.occupationName} ${t(levelKey(r.level))}` },
            { title: t('plan.col.seats'), dataIndex: 'seats' },
            { title: t('plan.col.photo'), dataIndex: 'hasPhoto', width: 70, render: (h: boolean) => <Tag color={h ? 'green' : 'red'}>{t(h ? 'plan.photo.yes' : 'plan.photo.no')}</Tag> },
          ]}
        />
      </Card>
    </div>
  );
}
