/** `lightning/navigation`: page references, the NavigationMixin and the CurrentPageReference wire. */
declare module "lightning/navigation" {
  import type { LightningElement, WireAdapterConstructor } from "lwc";

  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, string | undefined>;
  }

  export interface NavigationMixinMembers {
    [NavigationMixin.Navigate](
      pageReference: PageReference,
      replace?: boolean
    ): void;
    [NavigationMixin.GenerateUrl](
      pageReference: PageReference
    ): Promise<string>;
  }

  // TypeScript's mixin pattern requires a constructor type taking `...args: any[]`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Constructor<Instance> = new (...args: any[]) => Instance;

  export function NavigationMixin<Base extends Constructor<LightningElement>>(
    base: Base
  ): Base & Constructor<NavigationMixinMembers>;

  export namespace NavigationMixin {
    const Navigate: unique symbol;
    const GenerateUrl: unique symbol;
  }

  export const CurrentPageReference: WireAdapterConstructor<
    Record<string, never>,
    PageReference
  >;
}
