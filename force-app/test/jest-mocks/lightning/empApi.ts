// `lightning/empApi` for Jest: jest.fn spies like sfdx-lwc-jest's stub, plus test helpers (not platform
// exports) that deliver a message to a channel's subscribers and raise a streaming error.
// Use it with: jest.mock("lightning/empApi", () => jest.requireActual("jest-mocks/lightning/empApi"));
import type { EmpMessage, EmpSubscription } from "lightning/empApi";

type MessageCallback = (message: EmpMessage) => void;
type ErrorCallback = (error: unknown) => void;

const subscribers = new Map<string, MessageCallback[]>();
const errorCallbacks: ErrorCallback[] = [];

export const subscribe = jest.fn(
  (
    channel: string,
    replayId: number,
    onMessageCallback: MessageCallback
  ): Promise<EmpSubscription> => {
    subscribers.set(channel, [
      ...(subscribers.get(channel) ?? []),
      onMessageCallback
    ]);
    return Promise.resolve({ id: `${channel}#${replayId}`, channel, replayId });
  }
);

export const unsubscribe = jest.fn(
  (subscription: EmpSubscription): Promise<unknown> => {
    subscribers.delete(subscription.channel);
    return Promise.resolve({ successful: true });
  }
);

export const onError = jest.fn((callback: ErrorCallback): void => {
  errorCallbacks.push(callback);
});

export const setDebugFlag = jest.fn(() => Promise.resolve());

/** Resolves true by default (desktop Lightning); tests set false for Experience Cloud or mobile. */
export const isEmpEnabled = jest.fn(() => Promise.resolve(true));

/** Test helper: delivers an event payload to every current subscriber of the channel. */
export function emitMessage(
  channel: string,
  payload: Record<string, unknown>
): void {
  const message: EmpMessage = {
    channel,
    data: { payload, event: { replayId: 1 } }
  };
  for (const callback of subscribers.get(channel) ?? []) callback(message);
}

/** Test helper: raises a streaming error to every registered onError callback. */
export function emitError(error: unknown): void {
  for (const callback of [...errorCallbacks]) callback(error);
}

/** Test helper: whether anyone is subscribed to the channel right now. */
export function hasSubscribers(channel: string): boolean {
  return (subscribers.get(channel)?.length ?? 0) > 0;
}

/** Test helper: forgets subscribers and error callbacks (call it in afterEach). */
export function resetEmpApi(): void {
  subscribers.clear();
  errorCallbacks.length = 0;
}
