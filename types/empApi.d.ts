/** `lightning/empApi`: subscribe to platform events and change data capture over CometD. */
declare module "lightning/empApi" {
  export interface EmpSubscription {
    id?: string;
    channel: string;
    replayId?: number;
  }

  export interface EmpMessage<Payload = Record<string, unknown>> {
    channel: string;
    data: {
      schema?: string;
      payload: Payload;
      event: { replayId: number; EventUuid?: string };
    };
  }

  /** `replayId` -1 receives new events only, -2 also every stored event. */
  export function subscribe<Payload = Record<string, unknown>>(
    channel: string,
    replayId: number,
    onMessageCallback: (message: EmpMessage<Payload>) => void
  ): Promise<EmpSubscription>;

  export function unsubscribe(
    subscription: EmpSubscription,
    callback?: (response: {
      successful?: boolean;
      subscription?: string;
    }) => void
  ): Promise<unknown>;

  export function onError(callback: (error: unknown) => void): void;

  export function setDebugFlag(flag: boolean): Promise<unknown>;

  export function isEmpEnabled(): Promise<boolean>;
}
