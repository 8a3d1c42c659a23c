// Exact money for the typescript-fetch client made with `--type-mappings number+decimal=string`: the spec's
// money (`format: decimal`) is typed `string`, and this fetch keeps it exact on the wire both ways, because
// JSON.parse would turn 4.500000159168849e-06 or 0.1 into binary floats. Pass it as `fetchApi`.
// MONEY lists the money fields of the operations you call (the spec's `format: decimal` properties).

const MONEY = [
  "amount", "amount_usd", "amount_in_fiat", "fee", "fee_usd", "service_fee", "service_fee_usd",
  "received", "received_usd", "to_surcharge", "to_surcharge_usd",
];
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const key = `"(${MONEY.join("|")})"\\s*:\\s*`;
const outgoing = new RegExp(`${key}"(${NUMBER})"`, "g"); // "amount":"100.10" -> "amount":100.10
const incoming = new RegExp(`${key}(${NUMBER})`, "g"); // "fee":4.5e-06 -> "fee":"4.5e-06"

export const exactFetch: typeof fetch = async (input, init) => {
  const body = typeof init?.body === "string" ? init.body.replace(outgoing, '"$1":$2') : init?.body;
  const response = await fetch(input, { ...init, body });
  const text = (await response.text()).replace(incoming, '"$1":"$2"');
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
};
