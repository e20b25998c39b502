// Every UI string exists in Finnish, Swedish and English. A feature declares its strings once with
// defineMessages; the types make a key missing from fi or sv a compile error.
export const locales = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof locales)[number];

export type MessageSet<K extends string> = { en: Record<K, string>; fi: Record<K, string>; sv: Record<K, string> };

export function defineMessages<const K extends string>(set: MessageSet<K>): MessageSet<K> {
  return set;
}
