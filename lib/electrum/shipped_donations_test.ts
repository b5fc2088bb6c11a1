import { assertEquals } from "../testing/assert.ts";
import { addressToScript, MAINNET } from "../bitcoin/address.ts";
import {
  EPS_DEFAULT_DONATION,
  FULCRUM_DEFAULT_DONATION,
  SHIPPED_DONATIONS,
} from "./shipped_donations.ts";

Deno.test("SHIPPED_DONATIONS: the Fulcrum and EPS defaults, each a valid mainnet address", () => {
  assertEquals([...SHIPPED_DONATIONS], [FULCRUM_DEFAULT_DONATION, EPS_DEFAULT_DONATION]);
  // A mistyped address fails its checksum here.
  for (const a of SHIPPED_DONATIONS) assertEquals(addressToScript(a, MAINNET).length > 0, true);
});
