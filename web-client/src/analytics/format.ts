import { lang, t } from '../i18n';
import type { GroupLevel, LocalisedText } from '../types';

/** The text in the UI's language, else the other one. */
export function localised(text: LocalisedText | undefined): string {
  if (!text) return '';
  return (lang === 'ja' ? (text.ja ?? text.en) : (text.en ?? text.ja)) ?? '';
}

/** The display name of an organisation group. */
export function groupLabel(level: GroupLevel, unit: string): string {
  return t(`level.${level}`, { unit });
}

/** A number with at most `digits` decimals, in the UI's locale. */
export function decimal(value: number, digits = 1): string {
  return value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en', { maximumFractionDigits: digits });
}

/** A share 0..1 as a percentage. */
export function percent(share: number): string {
  return `${decimal(share * 100, 0)}%`;
}
