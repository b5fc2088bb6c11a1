/**
 * Makes the committed prime pools `primes_1024.json` and `primes_512.json` from which the lab
 * builds its deterministic RSA keys (see `../lab_key.ts`). Run once; rerunning changes every lab
 * RSA key, so the output is committed rather than rebuilt:
 *
 *   deno run --allow-run=openssl --allow-write=lib/lab/certs/primes lib/lab/certs/primes/make_primes.ts
 *
 * Each prime comes from `openssl prime -generate -bits <bits> -hex` (OpenSSL 3.0.19), then is
 * kept only if its top two bits are set (so any product of two has exactly 2 x bits bits) and
 * p mod 65537 != 1 (so e = 65537 is invertible mod p - 1). Duplicates are dropped.
 */
const POOLS: [bits: number, count: number][] = [[1024, 128], [512, 16]];

for (const [bits, count] of POOLS) {
  const primes: string[] = [];
  while (primes.length < count) {
    const out = await new Deno.Command("openssl", {
      args: ["prime", "-generate", "-bits", String(bits), "-hex"],
    }).output();
    if (!out.success) throw new Error(`openssl failed: ${new TextDecoder().decode(out.stderr)}`);
    const hex = new TextDecoder().decode(out.stdout).trim().toLowerCase();
    const p = BigInt("0x" + hex);
    const topTwo = p >> BigInt(bits - 2) === 3n;
    if (topTwo && p % 65537n !== 1n && !primes.includes(hex)) primes.push(hex);
  }
  const doc = {
    note:
      `${count} random ${bits}-bit primes, each from 'openssl prime -generate -bits ${bits} -hex' ` +
      "(OpenSSL 3.0.19), kept if the top two bits are set and p mod 65537 != 1; made once by " +
      "lib/lab/certs/primes/make_primes.ts. Lab RSA keys are products of two of them, so lab keys " +
      "share prime factors. They protect nothing.",
    bits,
    primes,
  };
  await Deno.writeTextFile(
    new URL(`./primes_${bits}.json`, import.meta.url),
    JSON.stringify(doc, null, 1) + "\n",
  );
  console.log(`primes_${bits}.json: ${primes.length} primes`);
}
