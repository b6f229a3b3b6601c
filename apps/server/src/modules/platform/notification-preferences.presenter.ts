import { emailByDefault, type NotificationPreferences, notificationTopics } from '@weixi/shared';

/** Every topic with the person's choice, or the default where they made none. */
export function presentPreferences(
  choices: readonly { topic: string; email: boolean }[],
  emailAvailable: boolean,
  address: string | null,
): NotificationPreferences {
  const chosen = new Map(choices.map((c) => [c.topic, c.email]));
  return {
    emailAvailable,
    address,
    topics: notificationTopics.map((topic) => ({ topic, email: chosen.get(topic) ?? emailByDefault[topic] })),
  };
}
