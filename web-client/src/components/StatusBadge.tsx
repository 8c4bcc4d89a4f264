import { t } from '../i18n';
import type { MeetingStatus } from '../types';

export function StatusBadge({ status }: { status: MeetingStatus }) {
  return (
    <span class={`badge status-${status.toLowerCase()}`} data-testid="meeting-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
