import type { MemoRendering } from './memo/schema';
import type {
  AgendaItem,
  AnalyticsReport,
  Expectation,
  FeedbackStatus,
  Hint,
  Insights,
  AppNotification,
  Meeting,
  MeetingView,
  Pair,
  Prep,
  PulseAggregate,
  PulseAnswer,
  PulseEntry,
  RatedItem,
  Reflection,
  PulseQuestion,
  Share,
  SharedContent,
  ShareRule,
  StoredPromise,
  Summary,
  TranscriptSegment,
  User,
  WordRanking,
} from './types';

/** POST /api/meetings/{id}/shares: a link (token shown once) or an invited user. */
export type NewShare =
  | { kind: 'LINK'; expiresInDays: number; includeTranscript: boolean }
  | { kind: 'USER'; recipientEmail: string; includeTranscript: boolean };

/** An HTTP error answer, carrying the problem+json fields when the server sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
  ) {
    super(detail || title || `HTTP ${status}`);
  }
}

let onUnauthorized: () => void = () => {
  if (location.pathname !== '/login') location.assign('/login');
};

/** Lets the router handle a 401 (session missing or expired) without a full page load. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function goToLogin(): void {
  onUnauthorized();
}

interface RequestOptions {
  /** Do not redirect to /login on 401 (the login form handles it itself). */
  allow401?: boolean;
}

async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (res.status === 401 && !opts.allow401) {
    onUnauthorized();
  }
  if (!res.ok) {
    let title = res.statusText;
    let detail: string | undefined;
    try {
      const problem = await res.json();
      if (problem && typeof problem === 'object') {
        if (typeof problem.title === 'string') title = problem.title;
        if (typeof problem.detail === 'string') detail = problem.detail;
      }
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, title, detail);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  login: (email: string, password: string) =>
    request<{ user: User }>('POST', '/api/session', { email, password }, { allow401: true }),
  logout: () => request<void>('DELETE', '/api/session', undefined, { allow401: true }),
  me: () => request<User>('GET', '/api/me'),
  pairs: () => request<Pair[]>('GET', '/api/pairs'),
  meetings: () => request<MeetingView[]>('GET', '/api/meetings'),
  meeting: (id: string) => request<MeetingView>('GET', `/api/meetings/${encodeURIComponent(id)}`),
  /** Invites the user with this e-mail to the live room (2on1), or no one with `[]`. */
  putGuests: (id: string, guestEmails: string[]) =>
    request<Meeting>('PUT', `/api/meetings/${encodeURIComponent(id)}/guests`, { guestEmails }),
  createMeeting: (pairId: string, scheduledAt: string, durationMinutes: number) =>
    request<Meeting>('POST', '/api/meetings', { pairId, scheduledAt, durationMinutes }),
  saveAgenda: (id: string, items: AgendaItem[]) =>
    request<Meeting>('PUT', `/api/meetings/${encodeURIComponent(id)}/agenda`, { items }),
  endMeeting: (id: string) => request<Meeting>('POST', `/api/meetings/${encodeURIComponent(id)}/end`),
  createShare: (meetingId: string, body: NewShare) =>
    request<{ share: Share; token?: string; path?: string }>('POST', `/api/meetings/${encodeURIComponent(meetingId)}/shares`, body),
  shares: (meetingId: string) => request<Share[]>('GET', `/api/meetings/${encodeURIComponent(meetingId)}/shares`),
  revokeShare: (shareId: string) => request<Share>('DELETE', `/api/shares/${encodeURIComponent(shareId)}`),
  readShare: (shareId: string) => request<SharedContent>('GET', `/api/shares/${encodeURIComponent(shareId)}`),
  sharedWithMe: () => request<Share[]>('GET', '/api/me/shared'),
  notifications: () => request<AppNotification[]>('GET', '/api/me/notifications'),
  markNotificationRead: (id: string) =>
    request<{ id: string; read: boolean }>('POST', `/api/me/notifications/${encodeURIComponent(id)}/read`),
  escalate: (meetingId: string, note: string) =>
    request<{ notified: number }>('POST', `/api/meetings/${encodeURIComponent(meetingId)}/escalations`, { note }),
  shareRules: (pairId: string) => request<ShareRule[]>('GET', `/api/pairs/${encodeURIComponent(pairId)}/share-rules`),
  putShareRule: (pairId: string, recipientEmail: string, includeTranscript: boolean) =>
    request<ShareRule[]>('PUT', `/api/pairs/${encodeURIComponent(pairId)}/share-rules`, { recipientEmail, includeTranscript }),
  deleteShareRule: (pairId: string, recipientId: string) =>
    request<ShareRule[]>(
      'DELETE',
      `/api/pairs/${encodeURIComponent(pairId)}/share-rules/${encodeURIComponent(recipientId)}`,
    ),
  handOver: (pairId: string, toPairId: string) =>
    request<{ shares: Share[] }>('POST', `/api/pairs/${encodeURIComponent(pairId)}/handover`, { toPairId }),
  memo: (id: string) => request<MemoRendering>('GET', `/api/meetings/${encodeURIComponent(id)}/memo`),
  markHintHelpful: (meetingId: string, hintId: string) =>
    request<{ id: string; helpful: boolean }>(
      'POST',
      `/api/meetings/${encodeURIComponent(meetingId)}/hints/${encodeURIComponent(hintId)}/helpful`,
    ),
  prep: (id: string, language: string) =>
    request<Prep>('GET', `/api/meetings/${encodeURIComponent(id)}/prep?language=${encodeURIComponent(language)}`),
  regenerateSummary: (id: string) =>
    request<{ status: string }>('POST', `/api/meetings/${encodeURIComponent(id)}/summary`),
  acceptSummary: (id: string) => request<Summary>('POST', `/api/meetings/${encodeURIComponent(id)}/summary/accept`),
  carriedOver: (id: string) => request<StoredPromise[]>('GET', `/api/meetings/${encodeURIComponent(id)}/carried-over`),
  setPromiseDone: (promiseId: string, done: boolean) =>
    request<StoredPromise>('PUT', `/api/promises/${encodeURIComponent(promiseId)}`, { done }),
  feedbackStatus: (id: string) => request<FeedbackStatus>('GET', `/api/meetings/${encodeURIComponent(id)}/feedback`),
  submitFeedback: (id: string, items: RatedItem[], shareAsHint: boolean) =>
    request<{ received: number }>('POST', `/api/meetings/${encodeURIComponent(id)}/feedback`, { items, shareAsHint }),
  reflection: (id: string) => request<Reflection>('GET', `/api/meetings/${encodeURIComponent(id)}/reflection`),
  writeReflection: (id: string, body: { attention: string; worked: string; shareAsHint: boolean; agendaIndex: number }) =>
    request<Reflection>('POST', `/api/meetings/${encodeURIComponent(id)}/reflection`, body),
  insights: () => request<Insights>('GET', '/api/me/insights'),
  communityHints: (language: string) =>
    request<Hint[]>('GET', `/api/hints?kind=COMMUNITY&language=${encodeURIComponent(language)}`),
  hintWords: (expectation: Expectation, language: string) =>
    request<WordRanking>(
      'GET',
      `/api/hints/words?expectation=${encodeURIComponent(expectation)}&language=${encodeURIComponent(language)}`,
    ),
  pulseQuestions: () => request<{ questions: PulseQuestion[] }>('GET', '/api/pulse/questions'),
  savePulseQuestions: (questions: (Omit<PulseQuestion, 'id'> & { id?: string })[]) =>
    request<{ questions: PulseQuestion[] }>('PUT', '/api/pulse/questions', { questions }),
  myPulse: () => request<{ month: string; answered: boolean; history: PulseEntry[] }>('GET', '/api/me/pulse'),
  submitPulse: (growth: number, condition: number, stage: number, answers: PulseAnswer[]) =>
    request<PulseEntry>('POST', '/api/me/pulse', { growth, condition, stage, answers }),
  pulseAggregate: (month: string) =>
    request<PulseAggregate>('GET', `/api/pulse/aggregate?month=${encodeURIComponent(month)}`),
  analytics: (from: string, to: string) =>
    request<AnalyticsReport>(
      'GET',
      `/api/admin/analytics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    ),
  transcript: (id: string) =>
    request<{ segments: TranscriptSegment[] }>('GET', `/api/meetings/${encodeURIComponent(id)}/transcript`),
};

/** A user-facing message for a failed call: the server's problem detail when there is one. */
export function errorMessage(e: unknown, fallback: string, network: string): string {
  if (e instanceof ApiError) return e.detail || e.title || fallback;
  if (e instanceof TypeError) return network; // fetch() network failure
  return fallback;
}

let mePromise: Promise<User> | null = null;

/** The signed-in user, fetched once per session. */
export function currentUser(): Promise<User> {
  if (!mePromise) {
    mePromise = api.me();
    mePromise.catch(() => (mePromise = null));
  }
  return mePromise;
}

export function forgetCurrentUser(): void {
  mePromise = null;
}
