// Must NOT compile: "USDT_TRC2O" (letter O) is not a CryptoCurrency. The tests expect tsc to reject it.
import type { paths } from "../../build/types/cryptocloud";

type CreateBody = paths["/v2/invoice/create"]["post"]["requestBody"]["content"]["application/json"];

export const body: CreateBody = {
  shop_id: "shop-123",
  amount: 100,
  add_fields: { available_currencies: ["USDT_TRC2O"] },
};
