// A TypeScript team's first calls with the typescript-fetch client openapi-generator makes from the spec:
// create an invoice, read it back, print what came back. tests/test_spec_generators.py runs it on the fake.
//   node e2e.js BASE_URL API_KEY SHOP_ID
import { Configuration, InvoicesApi, InvoiceStatus } from "./index";
import { exactFetch } from "./exactFetch";

declare const process: { argv: string[]; exit(code: number): never }; // Node, without @types/node

async function main(base: string, key: string, shop: string): Promise<void> {
  const api = new InvoicesApi(
    new Configuration({ basePath: base, apiKey: `Token ${key}`, fetchApi: exactFetch }),
  );
  // `currency` has a default in the spec: leaving it out must type-check.
  const created = await api.createInvoice({ invoiceCreateRequest: { shopId: shop, amount: "100.10" } });
  const uuid = created.result.uuid;
  const read = await api.getInvoiceInfo({ invoiceInfoRequest: { uuids: [uuid] } });
  const invoice = read.result[0];
  if (invoice === undefined) throw new Error(`invoice ${uuid} not found`);
  const status: string = invoice.status; // open: an unknown status is kept as text
  console.log(JSON.stringify({
    uuid,
    read_uuid: invoice.uuid,
    status,
    is_created: status === InvoiceStatus.Created,
    amount_in_fiat: invoice.amountInFiat,
    amount_usd: invoice.amountUsd,
  }));
}

const [base, key, shop] = process.argv.slice(2);
if (base === undefined || key === undefined || shop === undefined) throw new Error("usage: e2e BASE_URL API_KEY SHOP_ID");
main(base, key, shop).catch((error: unknown) => {
  console.error("error:", error);
  process.exit(1);
});
