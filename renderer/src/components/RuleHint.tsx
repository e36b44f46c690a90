// A small question mark beside a title or a step: its tooltip carries the help text with the rule
// ids (E4, S2–S7…), so titles and verdicts stay plain words.
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';

export function RuleHint({ text, testId }: { text: string; testId?: string }) {
  return (
    <Tooltip title={text}>
      <QuestionCircleOutlined aria-label={text} role="img" style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 6, cursor: 'help' }} data-testid={testId} />
    </Tooltip>
  );
}
