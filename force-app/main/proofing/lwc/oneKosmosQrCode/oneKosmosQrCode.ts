import { LightningElement, api } from "lwc";
import { QrCapacityError, encodeQr, qrPathData } from "./qrEncoder";
import type { QrCode } from "./qrEncoder";
import defaultLabel from "@salesforce/label/c.OneKosmos_QrCode_Default_Label";
import tooLong from "@salesforce/label/c.OneKosmos_QrCode_Too_Long";

export {
  MAX_VERSION,
  MIN_VERSION,
  QrCapacityError,
  byteCapacity,
  encodeQr,
  penaltyOf,
  qrPathData
} from "./qrEncoder";
export type { QrCode, QrOptions } from "./qrEncoder";

/** Light modules around the symbol, as the spec asks for: four modules on every side. */
const QUIET_ZONE = 4;

interface Encoded {
  code?: QrCode;
  failed: boolean;
}

/** Encodes the text; a text too long (or a bad maxVersion) is a failure to show, not an exception. */
function encodeOrFail(text: string, maxVersion?: number | string): Encoded {
  if (!text) return { failed: false };
  const limit =
    maxVersion === undefined || maxVersion === ""
      ? undefined
      : Number(maxVersion);
  try {
    return { code: encodeQr(text, { maxVersion: limit }), failed: false };
  } catch (error) {
    if (error instanceof QrCapacityError || error instanceof RangeError) {
      return { failed: true };
    }
    throw error;
  }
}

/**
 * Draws a text (e.g. a link for a phone camera) as a QR code in SVG: one path of dark modules on a white square,
 * quiet zone included, named for assistive technology by `label`. Text too long for a code shows a message instead
 * of a broken symbol. Nothing leaves the component: no events, no storage, no logging.
 */
export default class OneKosmosQrCode extends LightningElement {
  /** What a screen reader announces for the image, e.g. "QR code of the verification link". */
  @api label?: string;

  /** The largest QR version to draw (1–40; from a template attribute it arrives as text); longer text: a message. */
  @api maxVersion?: number | string;

  /** The text to encode. */
  @api value?: string;

  /**
   * The last encoding, reused while value and maxVersion stay the same (getters run on every render). A property of
   * a plain object, so filling it while rendering is not a reactive mutation.
   */
  private readonly cache: {
    entry?: { text: string; maxVersion?: number | string } & Encoded;
  } = {};

  private get current(): Encoded {
    const text = this.value ?? "";
    const maxVersion = this.maxVersion;
    const cached = this.cache.entry;
    if (cached?.text === text && cached.maxVersion === maxVersion) {
      return cached;
    }
    const entry = { text, maxVersion, ...encodeOrFail(text, maxVersion) };
    this.cache.entry = entry;
    return entry;
  }

  get hasCode(): boolean {
    return this.current.code !== undefined;
  }

  get errorMessage(): string {
    return this.current.failed ? tooLong : "";
  }

  get accessibleLabel(): string {
    return this.label || defaultLabel;
  }

  get viewBox(): string {
    const side = (this.current.code?.size ?? 0) + 2 * QUIET_ZONE;
    return `0 0 ${side} ${side}`;
  }

  get pathData(): string {
    const code = this.current.code;
    return code ? qrPathData(code, QUIET_ZONE) : "";
  }
}
