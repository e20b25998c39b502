// View-models of the compliance report: translated, formatted rows for the page, and the CSV lines.
import { csvLine } from '../http/csv.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Translate } from '../i18n/i18n.js';
import { formatDate } from '../lifecycle/notices.js';
import type { ComplianceItem, ComplianceReport } from './compliance.service.js';

export type ComplianceRowView = {
  id: string;
  title: string;
  watchUrl: string;
  courseTitle: string;
  ownerName: string;
  publishedText: string;
  languageText: string;
  status: string;
  statusText: string;
  deadlineText: string;
  daysText: string;
  isOverdue: boolean;
  links: Array<{ href: string; text: string }>;
};

function daysText(i: ComplianceItem, t: Translate): string {
  if (i.isSatisfied || i.daysLeft === null) return t('compliance.days.met');
  if (i.isOverdue) {
    const late = -i.daysLeft;
    if (late < 1) return t('compliance.days.overdueToday');
    return late === 1 ? t('compliance.days.overdue1') : t('compliance.days.overdue', { days: late });
  }
  return i.daysLeft === 1 ? t('compliance.days.left1') : t('compliance.days.left', { days: i.daysLeft });
}

function rowLinks(i: ComplianceItem, t: Translate): ComplianceRowView['links'] {
  const links: ComplianceRowView['links'] = [];
  if (i.can.edit && i.editLanguage) links.push({ href: `/videos/${i.id}/captions/${i.editLanguage}/edit`, text: t('compliance.action.edit') });
  if (i.can.edit) links.push({ href: `/videos/${i.id}/captions`, text: t('compliance.action.captions') });
  if (i.can.edit) links.push({ href: `/videos/${i.id}/captions/text-alternative`, text: t('compliance.action.textAlternative') });
  if (i.can.exempt) links.push({ href: `/videos/${i.id}/captions/exemption`, text: t('compliance.action.exemption') });
  return links;
}

export function complianceRows(items: readonly ComplianceItem[], t: Translate, locale: string): ComplianceRowView[] {
  return items.map((i) => ({
    id: i.id,
    title: i.title,
    watchUrl: `/videos/${i.id}/watch`,
    courseTitle: i.courseTitle,
    ownerName: i.ownerName,
    publishedText: formatDate(i.publishedAt, locale),
    languageText: t(`videos.language.${i.language}` as MessageKey),
    status: i.status,
    statusText: t(`compliance.status.${i.status}`),
    deadlineText: i.deadline ? formatDate(i.deadline, locale) : '',
    daysText: daysText(i, t),
    isOverdue: i.isOverdue,
    links: rowLinks(i, t),
  }));
}

export function summaryView(r: ComplianceReport, t: Translate) {
  return [
    { key: 'overdue', label: t('compliance.summary.overdue'), value: r.counts.overdue },
    { key: 'due-soon', label: t('compliance.summary.dueSoon', { days: r.settings.remindDaysBefore }), value: r.counts.dueSoon },
    { key: 'satisfied', label: t('compliance.summary.satisfied'), value: r.counts.satisfied },
    { key: 'total', label: t('compliance.summary.total'), value: r.counts.total },
  ];
}

export const CSV_HEADER = csvLine(['video_id', 'title', 'course', 'owner', 'published_at', 'language', 'status', 'deadline', 'days_left', 'overdue', 'captions_url']);

/** One CSV line per video; status codes stay in English so spreadsheets can filter on them. */
export function csvOf(i: ComplianceItem, publicUrl: string): string {
  return csvLine([i.id, i.title, i.courseTitle, i.ownerName, i.publishedAt, i.language, i.status, i.deadline, i.daysLeft, i.isOverdue ? 'yes' : 'no', `${publicUrl}/videos/${i.id}/captions`]);
}
