export const TOPICS = ['WORK', 'RELATIONSHIPS', 'CONDITION', 'CAREER', 'SKILLS', 'PRIVATE', 'POLICY', 'OTHER'] as const;
export const EXPECTATIONS = ['LISTEN', 'OPINION', 'THINK_TOGETHER', 'ADVICE', 'REPORT', 'OTHER'] as const;
export const MAX_AGENDA_ITEMS = 8;
export const MAX_NOTE_LENGTH = 1000;

export type Topic = (typeof TOPICS)[number];
export type Expectation = (typeof EXPECTATIONS)[number];
export type MeetingStatus = 'PLANNED' | 'LIVE' | 'ENDED';
export type Side = 'MEMBER' | 'MANAGER';

export interface User {
  id: string;
  email: string;
  name: string;
  locale: string;
  roles: string[];
  unit: string;
}

export interface Pair {
  id: string;
  managerId: string;
  memberId: string;
  managerName: string;
  memberName: string;
  kind: 'LINE' | 'MENTOR' | 'PEER';
  createdAt: string;
}

export interface AgendaItem {
  topic: Topic;
  expectation: Expectation;
  note?: string;
}

/** One hint of the library in one language (GET /api/hints, the prep view). */
export interface Hint {
  key: string;
  kind: 'CELL' | 'LEVER' | 'ICEBREAKER' | 'COMMUNITY';
  topic?: Topic;
  expectation?: Expectation;
  time?: 'PAST' | 'PRESENT' | 'FUTURE';
  language: string;
  text: string;
  source: string;
}

/** A promise of an accepted summary, kept until either party ticks it done (`promises` collection). */
export interface StoredPromise {
  id: string;
  pairId: string;
  meetingId: string;
  owner: Side;
  what: string;
  /** ISO date (YYYY-MM-DD) or absent. */
  due?: string;
  done: boolean;
  acceptedAt: string;
}

/** GET /api/meetings/{id}/prep: the manager's preparation. */
export interface Prep {
  meetingId: string;
  language: string;
  agenda: (AgendaItem & { index: number; hints: Hint[]; community?: Hint[] })[];
  icebreakers: Hint[];
  /** The pair's open promises from earlier meetings. */
  carriedOver: StoredPromise[];
}

/** A meeting's summary as the pair edited it in the shared memo (`memo.summary`, the accept answer). */
export interface Summary {
  status: 'proposed' | 'accepted';
  producedBy?: string;
  items: { agendaIndex?: number; topic: string; points: string[] }[];
  promises: { owner: Side; what: string; due?: string }[];
  keepInMind: string[];
  nextTopics: string[];
}

export interface Meeting {
  id: string;
  pairId: string;
  memberId: string;
  managerId: string;
  memberName: string;
  managerName: string;
  scheduledAt: string;
  durationMinutes: number;
  status: MeetingStatus;
  agenda: { items: AgendaItem[]; updatedAt?: string };
  startedAt?: string;
  endedAt?: string;
  createdAt: string;
  yourRole: Side;
  /** The third person the pair invited to the live room (2on1), at most one. */
  guests?: Guest[];
  /** The shared memo (an Automerge document synced over /ws/memo). */
  memo?: { documentUrl: string };
  /** The caller's own private notes (only the caller can load this document). */
  privateNotes?: { documentUrl: string };
}

/** A user invited to a meeting's live room only. */
export interface Guest {
  id: string;
  name: string;
}

/** What the invited guest sees of a meeting: no agenda, memo or ids (GET /api/meetings, /api/meetings/{id}). */
export interface GuestMeeting {
  id: string;
  memberName: string;
  managerName: string;
  scheduledAt: string;
  durationMinutes: number;
  status: MeetingStatus;
  startedAt?: string;
  endedAt?: string;
  yourRole: 'GUEST';
  guests: Guest[];
}

/** A meeting as the caller may see it: the pair's view or the guest's. */
export type MeetingView = Meeting | GuestMeeting;

export function isGuestView(m: MeetingView): m is GuestMeeting {
  return m.yourRole === 'GUEST';
}

/** The other party's name, seen from the caller. */
export function otherName(m: Meeting): string {
  return m.yourRole === 'MEMBER' ? m.managerName : m.memberName;
}

/** One final stretch of speech; times in ms from the meeting's start (`GET /api/meetings/{id}/transcript`). */
export interface TranscriptSegment {
  speakerId: string;
  role?: Side;
  text: string;
  startMs: number;
  endMs: number;
  confidence?: number;
}

/** GET /api/meetings/{id}/feedback (the member only). */
export interface FeedbackStatus {
  answered: boolean;
  /** The meeting has ended and no feedback was given yet. */
  open: boolean;
}

/** The member's rating of one agenda item (POST /api/meetings/{id}/feedback). */
export interface RatedItem {
  index: number;
  rating: number;
  good?: string;
}

/** The manager's reflection on one meeting. */
export interface Reflection {
  meetingId: string;
  attention: string;
  worked: string;
  shareAsHint: boolean;
  agendaIndex: number;
  createdAt: string;
}

/** One topic x expectation cell of the manager's insights: shown, or hidden below the threshold. */
export interface InsightCell {
  topic: Topic;
  expectation: Expectation;
  hidden: boolean;
  reason?: string;
  mean?: number;
  n?: number;
  orgMean?: number;
  allMean?: number;
}

export interface CellComparison {
  topic: Topic;
  expectation: Expectation;
  mean: number;
  n: number;
  allMean: number;
  diff: number;
}

/** GET /api/me/insights. */
export interface Insights {
  threshold: { answers: number; members: number };
  org: string;
  cells: InsightCell[];
  strengths: CellComparison[];
  weaknesses: CellComparison[];
  trend: { period: string; mean: number; n: number }[];
}

/** GET /api/hints/words: what members value, per expectation and language. */
export interface WordRanking {
  expectation: Expectation;
  language: string;
  hints: number;
  words: { word: string; count: number }[];
  pairs: { a: string; b: string; count: number; dice: number }[];
}

/** Text per language; at least one of the two. */
export type LocalisedText = { en?: string; ja?: string };

/** A custom pulse question an admin sets (GET/PUT /api/pulse/questions). */
export interface PulseQuestion {
  id: string;
  kind: 'TEXT' | 'CHOICE';
  text: LocalisedText;
  options: LocalisedText[];
}

export const MAX_PULSE_QUESTIONS = 10;
export const MAX_PULSE_OPTIONS = 8;
/** Relationship stages 0..16 (DOMAIN.md); below 9 sits under the honest talk line. */
export const PULSE_STAGES = Array.from({ length: 17 }, (_, i) => i);
export const HONEST_TALK_STAGE = 9;

/** An answer to a custom question: a 0-based option for CHOICE, text for TEXT. */
export interface PulseAnswer {
  questionId: string;
  choice?: number;
  text?: string;
}

/** One month of the caller's own pulse (GET /api/me/pulse). */
export interface PulseEntry {
  month: string;
  growth: number;
  condition: number;
  stage: number;
  submittedAt: string;
  answers: (PulseAnswer & { kind: 'TEXT' | 'CHOICE'; question: LocalisedText; option?: LocalisedText })[];
}

export interface Satisfaction {
  source: string;
  responses: number;
  growth: number;
  condition: number;
  stage: number;
  belowHonestTalkLine: number;
}

export type GroupLevel = 'ORGANISATION' | 'TOP' | 'UNIT';

/** A shown group of the monthly pulse aggregate (GET /api/pulse/aggregate). */
export interface PulseGroup extends Satisfaction {
  level: GroupLevel;
  unit: string;
  questions: { id: string; kind: 'TEXT' | 'CHOICE'; counts?: number[]; texts?: string[] }[];
}

export interface PulseAggregate {
  month: string;
  minAnswerers: number;
  questions: PulseQuestion[];
  groups: PulseGroup[];
}

/** One organisation group of the admin analytics (GET /api/admin/analytics). */
export interface AnalyticsGroup {
  level: GroupLevel;
  unit: string;
  meetings: number;
  activePairs: number;
  meetingsPerPairPerMonth: number;
  biweeklyPairs: number;
  biweeklyShare: number;
  topics: Record<Topic, number>;
  expectations: Record<Expectation, number>;
  satisfaction?: Satisfaction;
  /** Released per-meeting ratings of the group's managers in the window's months; absent when hidden. */
  meetingSatisfaction?: { answers: number; mean: number };
  /** The group's managers together against the organisation; absent when no cell is shown. */
  managerCells?: { strengths: CellComparison[]; weaknesses: CellComparison[] };
}

/** A topic x expectation cell of a group's managers together against its baseline. */
export interface CellComparison {
  topic: Topic;
  expectation: Expectation;
  mean: number;
  baseline: number;
  diff: number;
  n: number;
  managers: number;
}

export interface AnalyticsReport {
  from: string;
  to: string;
  days: number;
  months: number;
  minAnswerers: number;
  feedbackThreshold: { answers: number; members: number; managers: number };
  groups: AnalyticsGroup[];
}

/** A meeting's memo shared read-only with a third party (`shares` collection); never carries the token. */
export interface Share {
  id: string;
  meetingId: string;
  pairId: string;
  kind: 'LINK' | 'USER';
  source: 'MANUAL' | 'RULE' | 'HANDOVER';
  createdBy: string;
  recipientId?: string;
  recipientName?: string;
  includeTranscript: boolean;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
  active: boolean;
  /** GET /api/me/shared: the meeting's date and names. */
  scheduledAt?: string;
  memberName?: string;
  managerName?: string;
  /** GET /api/meetings/{id}/shares: the audit log, newest first. */
  views?: ShareView[];
}

/** One reading of a share in the audit log. */
export interface ShareView {
  shareId: string;
  at: string;
  viewer: 'user' | 'anonymous link';
  viewerName?: string;
  addressHash?: string;
}

/** What an invited user reads (GET /api/shares/{id}). */
export interface SharedContent {
  share: Share;
  meeting: { id: string; scheduledAt: string; memberName: string; managerName: string };
  memo: string;
  transcript?: { role: Side; text: string; startMs: number }[];
}

/** A pair's standing consent to share every accepted memo with a recipient. */
export interface ShareRule {
  pairId: string;
  recipientId: string;
  recipientName: string;
  includeTranscript: boolean;
}

/** An in-app notification: an escalation for HR, or a memo shared with the user. */
export interface AppNotification {
  id: string;
  kind: 'ESCALATION' | 'SHARED';
  meetingId: string;
  refId: string;
  actorName: string;
  memberName: string;
  managerName: string;
  note?: string;
  createdAt: string;
  read: boolean;
}
