// S2/S8: which draw the door works by (its number, when the supervisor confirmed it), on the door
// screen and its printouts, so a proctor can tell a confirmed draw from one still awaiting it.
import { Typography } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { useI18n } from '../../i18n';

type Draw = OutputOf<'checkin.door'>['draw'];

export function DrawNote({ draw, plain = false }: { draw: Draw; plain?: boolean }) {
  const { t } = useI18n();
  const text = !draw
    ? t('draw.inForce.none')
    : draw.confirmedAt
      ? t('print.drawConfirmed', { id: draw.drawId, at: new Date(draw.confirmedAt).toLocaleString() })
      : t('print.drawUnconfirmed', { id: draw.drawId });
  const line = `${t('print.draws')}：${text}`;
  if (plain) return <div className="sub" data-testid="door-draw">{line}</div>;
  return (
    <Typography.Text type={draw?.confirmedAt ? 'secondary' : 'warning'} data-testid="door-draw">
      {line}
    </Typography.Text>
  );
}
