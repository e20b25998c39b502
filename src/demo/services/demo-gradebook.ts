// The demo LMS's gradebook: line items and the scores it received, in memory per router instance.
// A demo needs no durable grades; the demo pages read them from here to show what the tool sent.

export type DemoLineItem = {
  id: string;
  contextId: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  resourceLinkId?: string;
  tag?: string;
  startDateTime?: string;
  endDateTime?: string;
};

export type DemoScore = {
  lineItemId: string;
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  activityProgress: string;
  gradingProgress: string;
  /** The tool's timestamp (ISO 8601); a score older than the recorded one is refused. */
  timestamp: string;
  receivedAt: Date;
};

export type DemoGradebook = {
  addLineItem(item: Omit<DemoLineItem, 'id'>): DemoLineItem;
  findLineItem(contextId: string, id: string): DemoLineItem | undefined;
  listLineItems(contextId: string): DemoLineItem[];
  /** Keeps the latest score per (line item, user); `stale` when a newer one is already recorded. */
  recordScore(score: DemoScore): 'recorded' | 'stale';
  /** The current score of each user, for one line item or for all. */
  listScores(lineItemId?: string): DemoScore[];
};

export function createDemoGradebook(): DemoGradebook {
  const items = new Map<string, DemoLineItem>();
  const scores = new Map<string, DemoScore>();
  let nextId = 1;
  return {
    addLineItem(item) {
      const created = { ...item, id: String(nextId++) };
      items.set(created.id, created);
      return created;
    },
    findLineItem(contextId, id) {
      const item = items.get(id);
      return item?.contextId === contextId ? item : undefined;
    },
    listLineItems(contextId) {
      return [...items.values()].filter((i) => i.contextId === contextId);
    },
    recordScore(score) {
      const key = JSON.stringify([score.lineItemId, score.userId]);
      const current = scores.get(key);
      if (current && Date.parse(current.timestamp) > Date.parse(score.timestamp)) return 'stale';
      scores.set(key, score);
      return 'recorded';
    },
    listScores(lineItemId) {
      return [...scores.values()].filter((s) => lineItemId === undefined || s.lineItemId === lineItemId);
    },
  };
}
