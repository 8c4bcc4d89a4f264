import i18next from 'i18next';
import en from './en.json';
import ja from './ja.json';

export type Lang = 'en' | 'ja';

/** Japanese when the browser's most preferred language is ja*, English otherwise. */
export function detectLanguage(languages: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  const first = (languages[0] ?? navigator.language ?? 'en').toLowerCase();
  return first.startsWith('ja') ? 'ja' : 'en';
}

export const lang: Lang = detectLanguage();

i18next.init({
  lng: lang,
  fallbackLng: 'en',
  resources: { en: { translation: en }, ja: { translation: ja } },
  interpolation: { escapeValue: false }, // Preact escapes text itself
  initAsync: false,
  returnNull: false,
});

document.documentElement.lang = lang;
document.title = i18next.t('app.name');

export const t = i18next.t.bind(i18next);

const dateFormat = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}
