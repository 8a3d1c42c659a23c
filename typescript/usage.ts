// A TypeScript team's use of the spec: types come from openapi-typescript (build/types/cryptocloud.d.ts,
// made by the tests); this file must compile under `tsc --noEmit --strict`.
import type { components, paths } from "../build/types/cryptocloud";

type CreateInvoice = paths["/v2/invoice/create"]["post"];
type CreateBody = CreateInvoice["requestBody"]["content"]["application/json"];
type Created = CreateInvoice["responses"][200]["content"]["application/json"];
type Fiat = components["schemas"]["FiatCurrency"];
type Crypto = components["schemas"]["CryptoCurrency"];

const currency: Fiat = "EUR";
const accepted: Crypto[] = ["BTC", "USDT_TRC20"];

export const body: CreateBody = {
  shop_id: "shop-123",
  amount: 100,
  currency,
  order_id: "order-42",
  add_fields: {
    time_to_pay: { hours: 2, minutes: 30 },
    available_currencies: accepted,
    cryptocurrency: "ETH",
  },
};

export function networkCode(response: Created): string | undefined {
  // currency may be null or absent: the compiler makes us say so.
  return response.result.currency?.network?.code;
}

export function isPaid(response: Created): boolean {
  return response.result.status === "paid" || response.result.status === "overpaid";
}

// Defaulted request fields may be left out (types made with `--default-non-nullable false`).
type ListBody = paths["/v2/invoice/merchant/list"]["post"]["requestBody"]["content"]["application/json"];
export const minimal: CreateBody = { shop_id: "shop-123", amount: 100 };
export const firstPage: ListBody = { start: "01.01.2026", end: "31.01.2026" };

// Open enums: the known values are a named union; an unknown value still fits the open type.
type Status = components["schemas"]["InvoiceStatus"];
type OpenStatus = components["schemas"]["OpenInvoiceStatus"];
const paid: Status = "paid";
export const refunded: OpenStatus = "refunded";
export const isPaidStatus = (status: OpenStatus): boolean => status === paid;
