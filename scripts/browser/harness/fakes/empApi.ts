/** Test double of `lightning/empApi`: an in-page bus the test publishes to. */
interface Subscription {
  id: string;
  channel: string;
  replayId: number;
  onMessage(message: unknown): void;
}

let subscriptions: Subscription[] = [];
let enabled = true;
let nextId = 1;
let nextReplayId = 1;
const errorCallbacks: ((error: unknown) => void)[] = [];

export function subscribe(
  channel: string,
  replayId: number,
  onMessage: (message: unknown) => void
): Promise<{ id: string; channel: string; replayId: number }> {
  const subscription = { id: String(nextId++), channel, replayId, onMessage };
  subscriptions.push(subscription);
  return Promise.resolve({ id: subscription.id, channel, replayId });
}

export function unsubscribe(
  subscription: { id?: string; channel: string },
  callback?: (response: { successful: boolean; subscription: string }) => void
): Promise<boolean> {
  const before = subscriptions.length;
  subscriptions = subscriptions.filter((s) => s.id !== subscription.id);
  const successful = subscriptions.length < before;
  callback?.({ successful, subscription: subscription.channel });
  return Promise.resolve(successful);
}

export function onError(callback: (error: unknown) => void): void {
  errorCallbacks.push(callback);
}

export function setDebugFlag(): Promise<boolean> {
  return Promise.resolve(true);
}

export function isEmpEnabled(): Promise<boolean> {
  return Promise.resolve(enabled);
}

export const empControls = {
  publish(channel: string, payload: Record<string, unknown>): number {
    const receivers = subscriptions.filter((s) => s.channel === channel);
    const replayId = nextReplayId++;
    for (const receiver of receivers) {
      receiver.onMessage({ channel, data: { payload, event: { replayId } } });
    }
    return receivers.length;
  },
  channels(): string[] {
    return subscriptions.map((s) => s.channel);
  },
  setEnabled(value: boolean): void {
    enabled = value;
  }
};
