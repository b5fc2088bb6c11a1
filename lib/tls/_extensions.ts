/**
 * Extension decoding for the certificate parser (internal): subjectAltName (capped),
 * basicConstraints, keyUsage, extKeyUsage, and the list of extension OIDs (RFC 5280 4.2).
 * A malformed extension becomes a warning, not a failure.
 *
 * @module
 */
import { type Asn1, asn1, bytesOf, fromDer } from "./_der.ts";
import { bound, type DecodeContext, expect, hex, ipText, kids, oidOf, warn } from "./_decode.ts";
import { EXT_KEY_USAGE_NAMES, EXTENSIONS, KEY_USAGE_BITS } from "./_oids.ts";

const T = asn1.Type;

/** What the parser records from the extensions. */
export interface ExtensionInfo {
  sanDns: string[];
  sanIp: string[];
  sanCount: number;
  sanTruncated: boolean;
  isCa: boolean;
  pathLength: number | null;
  keyUsage: string[];
  extendedKeyUsage: string[];
  extensionOids: string[];
}

/** Decode the Extensions SEQUENCE (or nothing, for v1 certificates). */
export function decodeExtensions(
  list: Asn1 | undefined,
  c: DecodeContext,
  maxSans: number,
): ExtensionInfo {
  const x: ExtensionInfo = {
    sanDns: [],
    sanIp: [],
    sanCount: 0,
    sanTruncated: false,
    isCa: false,
    pathLength: null,
    keyUsage: [],
    extendedKeyUsage: [],
    extensionOids: [],
  };
  if (!list) return x;
  const seen = new Set<string>();
  for (const ext of kids(expect(list, T.SEQUENCE, "extensions"), "extensions")) {
    let id = "?";
    try {
      const parts = kids(expect(ext, T.SEQUENCE, "extension"), "extension");
      id = oidOf(parts[0], "extension OID");
      if (x.extensionOids.length < 64) x.extensionOids.push(id);
      else warn(c, "more than 64 extensions; the rest are not listed");
      if (seen.has(id)) {
        warn(c, `duplicate extension ${id}; the first is used`);
        continue;
      }
      seen.add(id);
      const value = bytesOf(
        expect(parts[parts.length - 1], T.OCTETSTRING, "extnValue").value as string,
      );
      if (id === EXTENSIONS.subjectAltName) {
        for (const gn of kids(expect(fromDer(value), T.SEQUENCE, "GeneralNames"), "GeneralNames")) {
          x.sanCount++;
          if (x.sanCount > maxSans) {
            x.sanTruncated = true;
            continue;
          }
          if (gn.tagClass !== asn1.Class.CONTEXT_SPECIFIC || typeof gn.value !== "string") continue;
          const b = bytesOf(gn.value.slice(0, c.maxStringLength * 4 + 4));
          if (gn.type === 2) x.sanDns.push(bound(c, new TextDecoder().decode(b), "SAN DNS name"));
          if (gn.type === 7) x.sanIp.push(ipText(b));
        }
      } else if (id === EXTENSIONS.basicConstraints) {
        for (
          const v of kids(
            expect(fromDer(value), T.SEQUENCE, "basicConstraints"),
            "basicConstraints",
          )
        ) {
          if (v.type === T.BOOLEAN) x.isCa = (v.value as string).charCodeAt(0) !== 0;
          if (v.type === T.INTEGER) {
            const b = bytesOf(v.value as string);
            x.pathLength = b.length <= 4 ? Number(BigInt("0x" + (hex(b) || "0"))) : null;
          }
        }
      } else if (id === EXTENSIONS.keyUsage) {
        const b = bytesOf(expect(fromDer(value), T.BITSTRING, "keyUsage").value as string).subarray(
          1,
        );
        KEY_USAGE_BITS.forEach((name, i) => {
          if ((b[i >> 3] ?? 0) & (0x80 >> (i & 7))) x.keyUsage.push(name);
        });
      } else if (id === EXTENSIONS.extKeyUsage) {
        for (
          const o of kids(expect(fromDer(value), T.SEQUENCE, "extKeyUsage"), "extKeyUsage").slice(
            0,
            32,
          )
        ) {
          const eku = oidOf(o, "key purpose");
          x.extendedKeyUsage.push(EXT_KEY_USAGE_NAMES[eku] ?? eku);
        }
      }
    } catch (err) {
      warn(c, `malformed extension ${id}: ${bound(c, String((err as Error).message), "message")}`);
    }
  }
  return x;
}
