import { hashString, Prng } from "../scenario/prng";

const WORDS = (
  "access audit backup build change cloud cluster config control data deploy device domain encrypt export " +
  "firewall incident key log monitor network owner patch policy private proxy queue release review risk " +
  "rotate secret service session sign token update user vendor vault version"
).split(" ");

/** `count` deterministic sentences for `label`: filler text that stays the same for the same label. */
export const sentences = (label: string, count: number): string[] => {
  const prng = new Prng(hashString(label));
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 8 + prng.int(0, 10) }, () => WORDS[prng.int(0, WORDS.length - 1)] ?? "data");
    const text = words.join(" ");
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  });
};

/** A 40-hex-digit commit id derived from its label. */
export const commitId = (label: string): string => new Prng(hashString(label)).hex(40);

/** A title as Confluence puts it in page URLs: spaces become `+`. */
export const urlTitle = (title: string): string => encodeURIComponent(title).replace(/%20/g, "+");

/** `attachment; filename="…"; filename*=UTF-8''…`, safe for any file name. */
export const contentDisposition = (fileName: string): string =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
